# Makes test/fixtures/bnb-nf4.json: bitsandbytes' own quantize_4bit / dequantize_4bit (NF4, float32 input) for
# block sizes 64, 128 and 256, with and without double quantization (compress_statistics), on deterministic inputs.
#
# bitsandbytes is not on this machine's pip index, so it is built from source: a checkout of commit 95f9af3
# (0.50.2.dev0, the commit ../shared/fixtures/nf4 was made with), `cmake -DCOMPUTE_BACKEND=cpu -S . -B build &&
# cmake --build build` (g++ 12), which puts bitsandbytes/libbitsandbytes_cpu.so beside the Python sources. Then,
# from packages/peft:
#
#   BNB_SRC=/path/to/bitsandbytes python3 scripts/make_bnb_nf4_fixture.py      (torch 2.13.0+cpu)
#
# Each variant is computed twice, in two processes: `native`, with the compiled CPU library loaded (what a CPU
# install of bitsandbytes runs: quantize_4bit is its pure-torch kernel, but the double quantization's
# quantize_blockwise and dequantize_4bit are C++), and `torch`, with the library hidden (bitsandbytes then runs its
# pure-torch kernels for everything, as ../shared/fixtures/nf4 was made). The fixture holds the `torch` bits. The
# C++ quantize_blockwise picks the dynamic-map code through a coarse lookup table, so a few double-quantized absmax
# codes come out one code apart: each variant lists those as `native_absmax_codes_differ` ([index, native, torch]);
# any other disagreement stops the script. One thread throughout (the double-quantization offset is torch's
# absmax.mean(), whose bits depend on the thread count).
#
# Inputs ("hashed" cases) are not stored: element i is drawn from (seed, i) by the counter hash below, which
# test/support/hashed-inputs.ts reproduces in JavaScript:
#
#   h    = lowbias32((lowbias32(seed) + i) mod 2^32)
#   x[i] = ((h >> 8) - 2^23) * 2^(-23 - (h & 3) - (floor(i / 64) mod 5))     (exact float32)
#
# The "edges" case stores its input (exact NF4 midpoints and their float32 neighbours, an all-zero block,
# subnormals, huge values, a lone nonzero). Outputs: packed codes and dequantized values as sha256 of their raw
# little-endian bytes (plus the first packed bytes, for reading a failure); absmax, nested absmax and offset whole.
import base64
import ctypes
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import torch

from hashed_inputs import M32, lowbias32  # scripts/ is on sys.path when a script runs

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'bnb-nf4.json')
BLOCKSIZES = (64, 128, 256)


def hashed_nf4_input(n, seed):
    i = np.arange(n, dtype=np.uint64)
    h = lowbias32((lowbias32(seed) + i) & M32)
    mant = (h >> np.uint64(8)).astype(np.float64) - 2.0**23
    exp = -23 - (h & np.uint64(3)).astype(np.int64) - ((i // np.uint64(64)) % np.uint64(5)).astype(np.int64)
    x = np.ldexp(mant, exp)
    x32 = x.astype(np.float32)
    assert np.array_equal(x32.astype(np.float64), x), 'inputs must be exact float32'
    return x32


def edges_input(nf4_code):
    code = np.asarray(nf4_code, dtype=np.float32)
    mids = ((code[:-1] + code[1:]) / np.float32(2)).astype(np.float32)
    up = np.nextafter(mids, np.float32(2))
    down = np.nextafter(mids, np.float32(-2))
    # block A (256): absmax exactly 1, so scaled = x: the midpoints, one float32 step either side, the codes
    a = np.concatenate([[1.0], mids, up, down, code, -mids, -up, -down, -code]).astype(np.float32)
    a = np.concatenate([a, np.zeros(256 - a.size, np.float32)])
    b = np.zeros(256, np.float32)  # all zero
    c = (np.arange(256, dtype=np.float32) - 128) * np.float32(1e-40)  # subnormals
    d = np.linspace(-1e37, 3e37, 256, dtype=np.float32)  # huge
    e = np.zeros(256, np.float32)
    e[200] = -0.75  # a lone nonzero: one block of 64 and 128 with it, others zero
    tail = np.array([0.5, -0.25, 0.125], np.float32)  # partial last block at every block size
    return np.concatenate([a, b, c, d, e, tail]).astype(np.float32)


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def compute(mode):
    """Runs in a child process: the variants for every case with one kernel set, as JSON on stdout."""
    if mode == 'torch':
        real = ctypes.cdll.LoadLibrary

        def refuse(name):
            if 'libbitsandbytes' in str(name):
                raise OSError(f'hidden by make_bnb_nf4_fixture.py: {name}')
            return real(name)

        ctypes.cdll.LoadLibrary = refuse
    torch.set_num_threads(1)
    import bitsandbytes as bnb
    import bitsandbytes.functional as F
    from bitsandbytes.cextension import ErrorHandlerMockBNBNativeLibrary, lib

    assert isinstance(lib, ErrorHandlerMockBNBNativeLibrary) == (mode == 'torch'), f'{mode}: native library state'
    nf4_code = F.get_4bit_type('nf4', device='cpu').numpy().astype(np.float32)
    cases = [
        ('hashed_69999', [69999], {'seed': 1}),
        ('hashed_777', [777], {'seed': 2}),
        ('hashed_40x512', [40, 512], {'seed': 3}),  # rows a multiple of 256: the C++ dequantize_4bit assumes that
        ('edges', None, None),
    ]
    out = {'bitsandbytes': bnb.__version__, 'torch': torch.__version__, 'cases': []}
    for name, shape, hashed in cases:
        x = hashed_nf4_input(int(np.prod(shape)), hashed['seed']) if hashed else edges_input(nf4_code)
        shape = shape or [x.size]
        t = torch.from_numpy(x.copy()).reshape(shape)
        case = {'name': name, 'shape': shape, 'numel': int(x.size), 'variants': []}
        if hashed:
            case['seed'] = hashed['seed']
            case['input_sha256'] = sha(x)
        else:
            case['input_b64'] = b64(x)
        for bs in BLOCKSIZES:
            for cs in (False, True):
                packed, st = F.quantize_4bit(t, blocksize=bs, compress_statistics=cs, quant_type='nf4')
                deq = F.dequantize_4bit(packed, st).reshape(-1).numpy()
                p = packed.reshape(-1).numpy()
                v = {
                    'blocksize': bs,
                    'compress_statistics': cs,
                    'packed_sha256': sha(p),
                    'packed_head_hex': p[:32].tobytes().hex(),
                    'packed_bytes': int(p.size),
                    'dequantized_sha256': sha(deq),
                    'absmax_b64': b64(st.absmax.numpy()),  # float32, or uint8 codes with double quantization
                }
                if cs:
                    v['offset_hex'] = np.float32(st.offset.item()).tobytes().hex()
                    v['nested_absmax_b64'] = b64(st.state2.absmax.numpy())
                    assert st.state2.blocksize == 256
                case['variants'].append(v)
        out['cases'].append(case)
    json.dump(out, sys.stdout)


def main():
    src = os.environ.get('BNB_SRC')
    if not src or not os.path.exists(os.path.join(src, 'bitsandbytes', 'libbitsandbytes_cpu.so')):
        sys.exit('set BNB_SRC to a bitsandbytes checkout built with cmake -DCOMPUTE_BACKEND=cpu (see the header)')
    commit = subprocess.run(['git', '-C', src, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True)
    env = {**os.environ, 'PYTHONPATH': src, 'OMP_NUM_THREADS': '1'}
    runs = {}
    for mode in ('native', 'torch'):
        r = subprocess.run([sys.executable, __file__, mode], env=env, capture_output=True, text=True)
        if r.returncode:
            sys.exit(f'{mode} run failed:\n{r.stderr}')
        runs[mode] = json.loads(r.stdout)
    res = runs['torch']
    for case, native_case in zip(res['cases'], runs['native']['cases']):
        for v, nv in zip(case['variants'], native_case['variants']):
            where = f"{case['name']} blocksize {v['blocksize']} compress_statistics {v['compress_statistics']}"
            differ = [k for k in v if v[k] != nv[k]]
            if 'absmax_b64' in differ:
                assert v['compress_statistics'], f'{where}: float32 absmax differs'
                t = np.frombuffer(base64.b64decode(v['absmax_b64']), np.uint8)
                n = np.frombuffer(base64.b64decode(nv['absmax_b64']), np.uint8)
                idx = np.nonzero(t != n)[0]
                assert np.all(np.abs(t[idx].astype(int) - n[idx].astype(int)) == 1), f'{where}: codes far apart'
                v['native_absmax_codes_differ'] = [[int(i), int(n[i]), int(t[i])] for i in idx]
                differ = [k for k in differ if k not in ('absmax_b64', 'dequantized_sha256')]
            if differ:
                sys.exit(f'{where}: the native and pure-torch kernels disagree on {differ}')
    doc = {
        'made_with': f"bitsandbytes {res['bitsandbytes']} (commit {commit.stdout.strip() or 'unknown'}) built from "
        f"source, its pure-torch CPU kernels (the compiled CPU library hidden), torch {res['torch']}, one thread; "
        'native_absmax_codes_differ: where the compiled CPU library gives other double-quantized absmax codes',
        'generator': 'scripts/make_bnb_nf4_fixture.py',
        'inputs': 'hashed: h = lowbias32((lowbias32(seed) + i) mod 2^32); '
        'x[i] = ((h >> 8) - 2^23) * 2^(-23 - (h & 3) - (floor(i / 64) mod 5)); edges: input_b64',
        'cases': res['cases'],
    }
    with open(OUT, 'w') as fh:
        json.dump(doc, fh, indent=1)
        fh.write('\n')
    print(f"{len(doc['cases'])} cases x {2 * len(BLOCKSIZES)} variants -> {OUT}")


if __name__ == '__main__':
    if len(sys.argv) > 1:
        compute(sys.argv[1])
    else:
        main()

# Makes test/fixtures/torch-sum.json: torch's float32 x.sum() and x.mean() on CPU for vectors of 1 ... 600,000
# elements, as result bits only. The inputs are not stored: element i of a case is drawn from (seed, i) by the
# counter hash below, which test/torch-sum.test.ts reproduces in JavaScript (`hashedInput`).
#
#   h    = lowbias32((lowbias32(seed) + i) mod 2^32)        (Chris Wellons' lowbias32, uint32 arithmetic)
#   x[i] = (h >> 8) * 2^((h & 7) - 27)                      (24-bit integer times a power of two: exact float32,
#                                                            magnitudes 2^-27 ... 2^-3 apart, in [0, 1))
#   kind "signed": negated when h & 8
#
# torch splits a sum of more than 32,768 elements (at::internal::GRAIN_SIZE) across threads, so the result depends
# on the thread count: the reference is one thread (torch.set_num_threads(1)); each case of 4,096 elements or more
# also records what 2 and 4 threads give, so the test can show where they differ (only past 32,768).
#
# Run from packages/peft: python3 scripts/make_torch_sum_fixture.py (torch 2.13.0+cpu; ATen's CPU capability is
# recorded in the fixture: AVX512 when it was made; ATEN_CPU_CAPABILITY=avx2 and =default gave the same bits).
import json
import os

import numpy as np
import torch

from hashed_inputs import M32, lowbias32  # scripts/ is on sys.path when a script runs

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'torch-sum.json')


def hashed_input(n, seed, kind):
    h = lowbias32((lowbias32(seed) + np.arange(n, dtype=np.uint64)) & M32)
    mant = (h >> np.uint64(8)).astype(np.float64)
    exp = (h & np.uint64(7)).astype(np.int64) - 27
    x = np.ldexp(mant, exp)
    if kind == 'signed':
        x = np.where((h & np.uint64(8)) != 0, -x, x)
    x32 = x.astype(np.float32)
    assert np.array_equal(x32.astype(np.float64), x), 'inputs must be exact float32'
    return torch.from_numpy(x32)


def hex32(t):
    return np.float32(t.item()).tobytes().hex()  # little-endian, as test/support/fixtures.ts reads it


def sums(x, threads):
    torch.set_num_threads(threads)
    assert torch.get_num_threads() == threads
    return hex32(x.sum()), hex32(x.mean())


# Split points of ATen's cascade sum (SumKernel.cpp) and of its threading, each with its neighbours:
# 8/16 float lanes, 4 accumulators (multiples of 32 and 64), level flushes every 16 / 256 / 4096 steps of
# 4 x lanes floats (512, 8192, 131072 at 8 lanes; 1024, 16384, 262144 at 16), GRAIN_SIZE 32768.
SPLITS = [8, 16, 32, 64, 128, 256, 512, 1024, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288]
sizes = set(range(1, 18)) | {31, 33, 63, 65, 127, 129, 255, 257, 1000, 100_000, 300_001, 599_999, 600_000}
for s in SPLITS:
    sizes |= {s - 1, s, s + 1}
rng = np.random.default_rng(2024)
sizes |= {int(v) for v in rng.integers(2, 600_001, size=12)}
sizes = sorted(v for v in sizes if v <= 600_000)

cases = []
for n in sizes:
    for kind in ('positive', 'signed'):
        if kind == 'signed' and n % 2 == 0 and n not in (32768, 600_000):
            continue  # signed inputs at odd sizes (and two even ones) keep the fixture short
        seed = n * 2 + (kind == 'signed')
        x = hashed_input(n, seed, kind)
        sum_hex, mean_hex = sums(x, 1)
        case = {'n': n, 'seed': seed, 'kind': kind, 'sum_hex': sum_hex, 'mean_hex': mean_hex}
        if n >= 4096:
            case['threads'] = {str(t): dict(zip(('sum_hex', 'mean_hex'), sums(x, t))) for t in (2, 4)}
        if n <= 4:
            case['x_hex'] = [np.float32(v).tobytes().hex() for v in x.numpy()]  # pins the hash in both languages
        cases.append(case)
torch.set_num_threads(1)

doc = {
    'made_with': f'torch {torch.__version__} CPU, ATen CPU capability {torch.backends.cpu.get_cpu_capability()}, '
    'torch.set_num_threads(1): x.sum() and x.mean() of float32 vectors; "threads": the same with 2 and 4 threads',
    'generator': 'scripts/make_torch_sum_fixture.py',
    'inputs': 'h = lowbias32((lowbias32(seed) + i) mod 2^32); x[i] = (h >> 8) * 2^((h & 7) - 27), '
    'negated when kind is "signed" and h & 8',
    'cases': cases,
}
with open(OUT, 'w') as fh:
    json.dump(doc, fh, indent=0)
    fh.write('\n')
print(f'{len(cases)} cases, n up to {max(sizes)} -> {OUT}')

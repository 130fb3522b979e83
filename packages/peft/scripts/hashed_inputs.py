"""The hash behind the seeded fixture inputs, shared by the fixture generators (test/support/hashed-inputs.ts is
the TypeScript side): element i of a case comes from h = lowbias32(lowbias32(seed) + i)."""
import numpy as np

M32 = np.uint64(0xFFFFFFFF)


def lowbias32(x):
    """Chris Wellons' lowbias32 integer hash, elementwise on uint32 values held in uint64."""
    x = np.asarray(x, dtype=np.uint64) & M32
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & M32
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & M32
    x ^= x >> np.uint64(16)
    return x

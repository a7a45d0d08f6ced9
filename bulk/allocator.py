"""Keep freed memory for reuse during a bulk run (glibc only; elsewhere nothing changes).

A run allocates and frees buffers of a few MiB for every chunk it reads, parses and writes. By
default glibc gives such a block back to the kernel as soon as it is freed, and the next chunk
takes the same amount again, page by page: about 90,000 page faults per million rows, a
quarter of a second of system time. With these settings the blocks stay in the process and are
reused; the peak memory is the same, since the same few buffers are in use at any time.
"""

from __future__ import annotations

import ctypes
import sys

#: mallopt(3) parameters (glibc's malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap (glibc's dynamic threshold stops at 32 MiB).
MMAP_THRESHOLD = 64 << 20
#: Free memory at the top of the heap is given back beyond this.
TRIM_THRESHOLD = 256 << 20


def keep_freed_memory() -> bool:
    """Set glibc's thresholds for this process; False where there is no glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))

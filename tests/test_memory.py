"""reportsite.memory: the glibc malloc settings are harmless calls (and no-ops elsewhere)."""

from __future__ import annotations

import subprocess
import sys


def test_free_memory_is_given_back_after_many_medium_objects():
    # In a fresh interpreter: 40 MB of 4 KB strings freed stay mapped until give_back_free_memory().
    code = """
import sys
from reportsite import memory
rss = lambda: int(open('/proc/self/statm').read().split()[1]) * 4096 >> 20
keep = [str(i) * 2000 for i in range(10_000)] + ["x"]  # ~40 MB in heap-allocated strings, below the mmap threshold
tail = "y" * 100  # allocated after them: the freed block is not at the top of the heap
before = rss()
del keep[:-1]
freed = rss()
memory.give_back_free_memory()
print(before, freed, rss())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    before, freed, after = map(int, out)
    if memory_is_glibc():
        assert after < freed - 20 and after < before - 20, out
    else:  # pragma: no cover
        assert after <= freed + 1


def memory_is_glibc() -> bool:
    from reportsite import memory

    return memory._libc() is not None and sys.platform.startswith("linux")


def _retained_after_a_large_free(setting: bool) -> int:
    code = f"""
from reportsite import memory
rss = lambda: int(open('/proc/self/statm').read().split()[1]) * 4096 >> 20
if {setting}:
    memory.free_large_blocks_at_once()
a = b"\\1" * (24 << 20)
del a  # glibc: its threshold is now 24 MB, so the next large block comes from the heap
base = rss()
b = b"\\1" * (16 << 20)
small = [bytes(200) for _ in range(2000)]  # allocated after b: b is not at the top of the heap
del b
print(rss() - base)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out)


def test_large_blocks_are_given_back_when_freed():
    if not memory_is_glibc():  # pragma: no cover
        return
    assert _retained_after_a_large_free(False) >= 15  # glibc's default keeps the 16 MB block
    assert _retained_after_a_large_free(True) <= 2


def _faults_making_a_freed_block_again(setting: str) -> int:
    code = f"""
import resource
from reportsite import memory
memory.{setting}()
a = bytearray(16 << 20)  # 16 MB, every page touched
del a
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
b = bytearray(16 << 20)  # the same size again (a search worker's next block)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out)


def test_kept_blocks_are_reused_without_page_faults():
    if not memory_is_glibc():  # pragma: no cover
        return
    given_back = _faults_making_a_freed_block_again("free_large_blocks_at_once")  # 4,096 pages of 4 KB mapped anew
    kept = _faults_making_a_freed_block_again("keep_freed_blocks")  # (fewer with transparent huge pages)
    assert kept < 200 and kept < given_back, (kept, given_back)

"""glibc malloc settings for the cold build's large, short-lived data (no effect on other C libraries).

A build's peak memory counts every process of its pools together (the target is 400 MiB at 10,000
reports), and two habits of glibc's malloc keep memory that Python has freed:
- it raises its mmap threshold to the largest block freed so far, so a worker's next arrays of that
  size come from its heap and stay there after they are freed;
- memory freed in the middle of the heap (e.g. 10,000 report texts of a few KB each) stays mapped.

The search index's workers do the opposite on purpose (`keep_freed_blocks`): they make arrays of
the same sizes block after block, and mapping them anew each time costs more than keeping them.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt, libc.malloc_trim  # noqa: B018  glibc only
        return libc
    except (OSError, AttributeError, TypeError):  # pragma: no cover - not glibc (CDLL(None) fails on Windows)
        return None


def free_large_blocks_at_once() -> None:
    """A fixed 1 MB mmap threshold: blocks as large or larger go back to the system when freed."""
    if _libc() is not None:
        _libc().mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD


def keep_freed_blocks() -> None:
    """The opposite, for a worker that makes the same large arrays again and again (the search index's blocks):
    blocks up to 64 MB come from the heap and stay there once freed, so the next block's arrays reuse pages
    already mapped instead of faulting in ~30 MB of fresh zeroed pages each time (a tenth of a cold build's
    system time). The worker's memory stays at its largest block's until it exits."""
    if _libc() is not None:
        _libc().mallopt(-3, 64 << 20)  # M_MMAP_THRESHOLD
        _libc().mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD: the heap's free top is not given back


def give_back_free_memory() -> None:
    """Return the heap's free pages to the system (after many medium-sized objects were freed)."""
    if _libc() is not None:
        _libc().malloc_trim(0)

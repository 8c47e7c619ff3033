"""A one-line progress counter for long work, shown only to a person at a terminal.

On a terminal (stderr is a TTY) and not under CI (`CI=true`), `Progress` redraws one
line, `label 1234/10000`, at most ten times a second and erases it when done. Anywhere
else it prints nothing: logs keep only the per-item lines and the summary line each
command documents.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def interactive(stream: TextIO | None = None) -> bool:
    """True when progress should be shown: a terminal, and not CI."""
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """`with Progress("rendering", total) as p: … p.advance(n)`; silent when not interactive."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, enabled: bool | None = None,
                 interval: float = 0.1):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = interactive(self.stream) if enabled is None else enabled
        self.interval = interval
        self._last = 0.0
        self._shown = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.interval or self.done >= self.total:
            self._last = now
            self._draw()

    def set_label(self, label: str, total: int | None = None) -> None:
        self.label = label
        if total is not None:
            self.total, self.done = total, 0
        if self.enabled:
            self._draw()

    def _draw(self) -> None:
        if self.total:
            width = 24
            filled = min(width, width * self.done // self.total)
            bar = "█" * filled + "·" * (width - filled)
            text = f"{self.label} {bar} {self.done}/{self.total}"
        else:
            text = f"{self.label} …"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

#!/usr/bin/env python3
"""Build the archive: `python build.py [build|import|serve] --help` says more."""

from reportsite.cli import run

if __name__ == "__main__":
    run()

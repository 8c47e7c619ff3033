#!/usr/bin/env python3
"""Build the archive: `python build.py [build|import|serve] --help` says more."""

import sys

from reportsite.cli import main

if __name__ == "__main__":
    sys.exit(main())

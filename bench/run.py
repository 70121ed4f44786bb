"""Run every benchmark in bench/ (bench_*.py), side by side with its peer library.

Each benchmark creates its own peer virtualenv under .bench-venv/ on first use, prints
its table and exits non-zero when a target is missed. This runner runs them one after
the other and fails when any failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks found")
        return 1
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        if rc != 0:
            failed.append(script.name)
    print("\nbenchmarks failed: " + ", ".join(failed) if failed else "\nall benchmark targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

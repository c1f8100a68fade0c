"""Publish each dataset's SHA-256 ``hash`` and ``bytes`` in ``datasets/datapackage.json``.

Maintainer tool (``make data`` runs it after rebuilding the tables; ``make hashes`` runs it
alone). The kit compares every table with its published hash when it loads or validates it,
so a table changed by hand is reported as edited since the release; after a deliberate
change, this script makes the change the new release. Review ``git diff datasets/`` first:
publishing a hash vouches for the file.

    python tools/refresh_hashes.py [--datasets DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from r2pkit import data  # noqa: E402  (the kit from this checkout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=ROOT / "datasets",
                        help="the data package folder (default: %(default)s)")
    args = parser.parse_args(argv)
    changed = data.refresh_hashes(args.datasets)
    if changed:
        print(f"Published new hashes for {len(changed)} table(s): {', '.join(changed)}.")
    else:
        print("Every table already matches its published hash; datapackage.json unchanged.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

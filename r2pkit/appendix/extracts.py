"""The exact data an appendix used, as a small Frictionless Data Package of its own (``data/``).

The notebooks of an appendix load some of the kit's datasets (the kernel records each
``data.load``). The package ships exactly those files, byte for byte, with their schemas
and a ``datapackage.json`` that keeps the kit's description of each (title, sources,
licences) and adds the file's size and SHA-256 (``bytes`` and ``hash``, Frictionless
fields: a validator, and the kit's own ``data.load``, refuses a file that no longer
matches them). A dataset whose foreign keys point to another brings that one too, so the
extract validates on its own. Pointing the kit at the folder (``R2PKIT_DATASETS=data``)
makes it read these extracts instead of its own copies: that is how a replicator, and
``r2pkit appendix verify --rerun``, run the notebooks on the package's data.
"""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

from .sources import datasets_used, package_info

__all__ = ["closure", "write_extracts"]


def closure(names: list[str], datasets_dir: Path) -> list[str]:
    """``names`` and every dataset their foreign keys reach, in the data package's order.

    >>> from r2pkit import data
    >>> closure(["unga_syria_votes"], data.DATASETS_DIR)
    ['unga_syria_resolutions', 'unga_syria_votes']
    """
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        todo += datasets_used([name], datasets_dir)[0].foreign
    order = [r["name"] for r in package_info(datasets_dir)["resources"]]
    return [n for n in order if n in wanted]


def write_extracts(folder: Path, names: list[str], datasets_dir: Path) -> dict[str, int]:
    """Copy the datasets ``names`` (with their schemas) into ``folder`` with a datapackage.json; rows per dataset."""
    pkg = package_info(datasets_dir)
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    rows: dict[str, int] = {}
    for res in pkg["resources"]:
        if res["name"] not in names:
            continue
        src = Path(datasets_dir) / res["path"]
        target = folder / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        raw = target.read_bytes()
        with target.open(encoding="utf-8", newline="") as fh:
            rows[res["name"]] = max(sum(1 for _ in csv.reader(fh)) - 1, 0)
        if isinstance(res.get("schema"), str):
            (folder / res["schema"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(datasets_dir) / res["schema"], folder / res["schema"])
        resources.append({**res, "bytes": len(raw), "hash": "sha256:" + hashlib.sha256(raw).hexdigest()})
    subset = {k: v for k, v in pkg.items() if k != "resources"}
    subset["description"] = (str(pkg.get("description", "")) + " This copy holds only the tables a replication "
                             "package used, byte for byte, each with its size and SHA-256.").strip()
    subset["resources"] = resources
    (folder / "datapackage.json").write_text(json.dumps(subset, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return rows

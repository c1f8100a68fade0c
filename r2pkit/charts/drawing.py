"""Static pictures of charts: Vega-Lite spec → SVG (and PNG), with vl-convert, done once.

Charts are shown in the reader's browser (:mod:`~r2pkit.charts.render`). Where a picture
must survive without a kernel or JavaScript — the appendix's figures, the static site's
fallback, :func:`r2pkit.charts.to_svg` — the kit draws it with vl-convert (no network)
and post-processes the SVG so that it is the same byte for byte on every run
(internal ids renamed from the spec's hash) and accessible (a title and a description
for screen readers, a tooltip on every mark).

Drawing is the slow part: vl-convert lays out every piece of text in the chart, about
1 ms each, so a chart with 20–50 labels takes 30–60 ms, and the first chart of a kernel
also starts vl-convert's JavaScript engine (about half a second). So a drawing is never
made twice:

- in the kernel, the last :data:`MEMORY_KEPT` drawings are kept (an LRU keyed by the
  SHA-256 of the spec): moving a slider back to a year already seen costs a few ms;
- on disk, in the user's cache folder (``drawings/`` beside the kit's other caches, see
  :mod:`r2pkit.data`; never in the repository), the last :data:`DISK_KEPT` drawings are
  kept, keyed by the spec and the versions of vl-convert, Vega-Lite and this module's
  post-processing: a notebook run again ("Restart and Run All", every visit to a Voilà
  app) shows its charts without drawing them. A drawing depends on nothing else but the
  fonts installed on the machine, so a kept one is what drawing again would give (after
  installing or removing fonts, delete the folder). The folder is always safe to delete.

Two more savings: the PNG is rasterised from the SVG rather than drawn a second time
(the bytes are identical), and labels are drawn uncut (:func:`_uncut_labels`).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

from ..errors import R2PKitError
from ..files import atomic_write
from .accessibility import spec_text, text_alternative, wrapped_title

__all__ = ["MEMORY_KEPT", "DISK_KEPT", "svg_from_spec", "render"]

#: Drawings kept in the kernel: every option of the kit's explorers (15 years,
#: 8 categories × 5 pillars, …) and a notebook's charts; a few MB at most.
MEMORY_KEPT = 256
#: Drawings kept on disk (SVG about 20–90 KB, PNG about 60–90 KB: 40 MB at most).
DISK_KEPT = 300
#: Changes whenever the post-processing below changes, so older drawings on disk are not used.
_FORMAT = "r2pkit-drawing-1"

_writes = 0  # drawings written to disk by this kernel
_svgs: OrderedDict[str, str] = OrderedDict()
_bundles: OrderedDict[str, dict[str, str]] = OrderedDict()


# --------------------------------------------------------------------- the spec
def _vl_version() -> str:
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_version_for_vl_convert()


def spec_key(spec: dict[str, Any]) -> str:
    """The SHA-256 of the spec (keys sorted): two specs that draw the same chart share it."""
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def _uncut_labels(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as drawn: axis and legend labels are never cut short, unless a chart sets a limit.

    Vega cuts labels longer than 180 px ("…") and, to find out, lays each label out two
    or three times; vl-convert lays out text slowly (about 1 ms a label), so this makes a
    chart with many labels a quarter to a third quicker to draw. Labels that fit are drawn
    exactly as before (the SVG is the same, byte for byte); an axis or legend that sets its
    own ``labelLimit`` keeps it.
    """
    config = dict(spec.get("config", {}))
    for part in ("axis", "legend"):
        config[part] = {"labelLimit": 0, **config.get(part, {})}
    return {**spec, "config": config}


# --------------------------------------------------------------- post-processing
def _prefix_ids(svg: str, key: str) -> str:
    """Rename the SVG's internal ids to ``r2p<key>-<n>``, numbered in order of appearance.

    Vega numbers clip paths with a counter that runs on across charts, so the same chart
    drawn twice gets different ids; renaming makes the SVG byte-identical run to run, and
    the chart's key keeps ids unique when several charts are inlined on one page.
    """
    names: dict[str, str] = {}
    for old in re.findall(r'\bid="([^"]+)"', svg):
        names.setdefault(old, f"r2p{key}-{len(names) + 1}")
    if not names:
        return svg
    pattern = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')
    return pattern.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), svg)


def _add_titles(svg: str, title: str, description: str) -> str:
    """Give the SVG a title and description for screen readers, and hover tooltips to its marks.

    Vega writes each mark's tooltip fields into an ``aria-label``; a ``<title>`` child with
    the same text is what browsers show on hover when the SVG is inline.
    """
    svg = re.sub(r'<(?:path|circle|rect|line|text|g)\b[^>]*aria-label="([^"]*)"[^>]*role="graphics-symbol"[^>]*?/>',
                 _close, svg)
    head = f"<title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>"
    return re.sub(r"(<svg\b[^>]*?)>", lambda m: f'{m.group(1)} role="img" aria-label="{html.escape(title, quote=True)}">{head}',
                  svg, count=1)


def _close(m: re.Match[str]) -> str:
    tag = m.group(0)
    name = re.match(r"<(\w+)", tag).group(1)  # type: ignore[union-attr]
    return f"{tag[:-2]}><title>{m.group(1)}</title></{name}>"


# ------------------------------------------------------------------------ caches
def _remember(cache: OrderedDict[str, Any], key: str, value: Any) -> Any:
    cache[key] = value
    while len(cache) > MEMORY_KEPT:
        cache.popitem(last=False)  # the least recently used
    return value


def _disk_path(key: str, suffix: str) -> Path:
    import vl_convert as vlc

    from ..paths import cache  # the kit's one cache folder

    versions = f"{key} {getattr(vlc, '__version__', '?')} {_vl_version()} {_FORMAT}"
    return cache() / "drawings" / (hashlib.sha256(versions.encode()).hexdigest()[:40] + suffix)


def _read_disk(key: str, suffix: str) -> bytes | None:
    try:
        path = _disk_path(key, suffix)
        content = path.read_bytes()
        os.utime(path)  # recently used: kept longest
        return content
    except OSError:
        return None


def _write_disk(key: str, suffix: str, content: bytes) -> None:
    """Keep a drawing on disk (best effort: an unwritable folder only means drawing again)."""
    try:
        path = _disk_path(key, suffix)
        atomic_write(path, content)  # another kernel never reads half a drawing
        global _writes
        _writes += 1
        if _writes % 16 == 1:  # the folder is tidied now and then, not at every drawing
            kept = sorted(path.parent.iterdir(), key=lambda p: p.stat().st_mtime)
            for old in kept[:max(0, len(kept) - DISK_KEPT)]:
                old.unlink(missing_ok=True)
    except (OSError, R2PKitError):
        pass


# ---------------------------------------------------------------------- drawing
def svg_from_spec(spec: dict[str, Any], key: str | None = None,
                  before_drawing: Callable[[], object] | None = None) -> str:
    """The chart as SVG: from the kernel's cache, else from disk, else drawn (and kept in both).

    ``before_drawing`` runs only when the chart must really be drawn (e.g. a schema check
    that a chart drawn before has already passed).
    """
    key = key or spec_key(spec)
    svg = _svgs.get(key)
    if svg is not None:
        _svgs.move_to_end(key)
        return svg
    kept = _read_disk(key, ".svg")
    if kept is not None:
        return _remember(_svgs, key, kept.decode("utf-8"))
    import vl_convert as vlc

    if before_drawing is not None:
        before_drawing()
    title, description = spec_text(spec)
    drawn = vlc.vegalite_to_svg(_uncut_labels(wrapped_title(spec)), vl_version=_vl_version())
    svg = _add_titles(_prefix_ids(drawn, key[:8]), title, description)
    _write_disk(key, ".svg", svg.encode("utf-8"))
    return _remember(_svgs, key, svg)


def render(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    """The chart as static pictures: SVG, PNG and its text alternative (a mime bundle)."""
    key = spec_key(spec)
    bundle = _bundles.get(key)
    if bundle is not None:
        _bundles.move_to_end(key)
        return dict(bundle)
    svg = svg_from_spec(spec, key)
    png = _read_disk(key, ".png")
    if png is None:
        import vl_convert as vlc

        # Rasterising the SVG gives the same PNG, byte for byte, as vegalite_to_png, in
        # about a third of the time: the chart is laid out once, not twice.
        png = vlc.svg_to_png(svg, scale=1)
        _write_disk(key, ".png", png)
    bundle = {
        "image/svg+xml": svg,
        "image/png": base64.b64encode(png).decode("ascii"),
        "text/plain": text_alternative(spec),
    }
    return dict(_remember(_bundles, key, bundle))

"""A researcher's replication package, in one command: the form a journal's data editor accepts.

A researcher who builds an argument on the kit's data and models writes it as a notebook
(``notebooks/06_appendix_template.ipynb`` shows how), marks the charts and tables the
article relies on with :func:`export`, and names the notebooks and their parameters in a
small YAML file (``appendix.example.yaml``). Then:

    r2pkit appendix build appendix.yaml            # run, export, cite, describe, fingerprint — offline
    r2pkit appendix verify OUT --expect SHA256     # has anything been altered since?
    r2pkit appendix verify OUT --rerun             # run it again: does it still say the same?
    r2pkit appendix pack OUT                       # one ZIP to deposit, the same bytes every time

- :mod:`~r2pkit.appendix.export` — the ``export(obj, name)`` marker (a no-op outside a build);
- :mod:`~r2pkit.appendix.config` — the configuration file, checked before anything runs;
- :mod:`~r2pkit.appendix.builder` — execution (papermill, a fresh kernel per notebook), keeping the user's files;
- :mod:`~r2pkit.appendix.exhibits` — each table and figure mapped to its program, cell and line;
- :mod:`~r2pkit.appendix.package` — the rest of the package, written from what was run:
  :mod:`~r2pkit.appendix.extracts` (data), :mod:`~r2pkit.appendix.sources` and
  :mod:`~r2pkit.appendix.citations` (authors, years, BibTeX, CSL-JSON),
  :mod:`~r2pkit.appendix.environment` (pins, the kit's source, binder),
  :mod:`~r2pkit.appendix.readme` (the template README) and :mod:`~r2pkit.appendix.metadata`
  (LICENSE, CITATION.cff, .zenodo.json, RO-Crate);
- :mod:`~r2pkit.appendix.manifest` — versions, parameters and SHA-256 of every file; verify;
- :mod:`~r2pkit.appendix.compare` and :mod:`~r2pkit.appendix.rerun` — run again, compare meaning;
- :mod:`~r2pkit.appendix.archive` — the deterministic ZIP.

Importing this package is cheap: the heavy tools load when a build starts.
"""
from .export import export

__all__ = ["export", "build", "verify", "rerun", "pack"]


def build(config, output=None, echo=print):  # type: ignore[no-untyped-def]
    """Build an appendix from a configuration file (see :func:`r2pkit.appendix.builder.build`)."""
    from .builder import build as _build

    return _build(config, output, echo)


def verify(folder, datasets=False, expect=None):  # type: ignore[no-untyped-def]
    """Re-check a package against its manifest (see :func:`r2pkit.appendix.manifest.verify`)."""
    from .manifest import verify as _verify

    return _verify(folder, datasets, expect)


def rerun(folder, tolerance=None, echo=print):  # type: ignore[no-untyped-def]
    """Run a package again and compare what it says (see :func:`r2pkit.appendix.rerun.rerun`)."""
    from .rerun import rerun as _rerun

    return _rerun(folder, tolerance, echo)


def pack(folder, output=None, force=False):  # type: ignore[no-untyped-def]
    """Write a package as a deterministic ZIP (see :func:`r2pkit.appendix.archive.pack`)."""
    from .archive import pack as _pack

    return _pack(folder, output, force)

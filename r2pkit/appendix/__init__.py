"""A researcher's reproducible appendix, in one command.

A researcher who builds an argument on the kit's data and models writes it as a notebook
(``notebooks/06_appendix_template.ipynb`` shows how), marks the charts and tables the
article relies on with :func:`export`, and names the notebooks and their parameters in a
small YAML file (``appendix.example.yaml``). Then:

    r2pkit appendix build appendix.yaml     # run, export, cite, fingerprint — offline
    r2pkit appendix verify OUTPUT           # has anything been altered since?

- :mod:`~r2pkit.appendix.export` — the ``export(obj, name)`` marker (a no-op outside a build);
- :mod:`~r2pkit.appendix.config` — the configuration file, checked before anything runs;
- :mod:`~r2pkit.appendix.builder` — execution (papermill, a fresh kernel per notebook) and outputs;
- :mod:`~r2pkit.appendix.citations` — BibTeX and CSL-JSON for the datasets used (and the seeds);
- :mod:`~r2pkit.appendix.manifest` — versions, parameters and SHA-256 of every file; verify.

Importing this package is cheap: the heavy tools load when a build starts.
"""
from .export import export

__all__ = ["export", "build", "verify"]


def build(config, output=None, echo=print):  # type: ignore[no-untyped-def]
    """Build an appendix from a configuration file (see :func:`r2pkit.appendix.builder.build`)."""
    from .builder import build as _build

    return _build(config, output, echo)


def verify(folder, datasets=False):  # type: ignore[no-untyped-def]
    """Re-check an appendix against its manifest (see :func:`r2pkit.appendix.manifest.verify`)."""
    from .manifest import verify as _verify

    return _verify(folder, datasets)

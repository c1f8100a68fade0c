"""r2pkit: a Jupyter teaching and research kit on the Responsibility to Protect (R2P).

Modules, one idea each:

- :mod:`r2pkit.data` — the curated datasets with their sources (load, describe, cite);
- :mod:`r2pkit.charts` — the kit's chart theme and offline renderer;
- :mod:`r2pkit.displacement` — refugee numbers by host country;
- :mod:`r2pkit.cli` — the ``r2pkit`` command.

Import what you need, e.g. ``from r2pkit import data``. Importing the package itself is
cheap: the modules load when first used.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]

"""r2pkit: a Jupyter teaching and research kit on the Responsibility to Protect (R2P).

Modules, one idea each:

- :mod:`r2pkit.data` — the curated datasets with their sources (load, describe, cite);
- :mod:`r2pkit.history` — R2P's timeline and how its founding texts frame it (notebook 01);
- :mod:`r2pkit.syria` — Security Council vetoes and General Assembly votes (notebook 02);
- :mod:`r2pkit.displacement` — refugees by host country and host pressure (notebooks 00, 02);
- :mod:`r2pkit.duties` — Hakimi's bundle of R2P duties as explained rules, with a case library;
- :mod:`r2pkit.charts` — the kit's chart theme, offline renderer and chart builders;
- :mod:`r2pkit.widgets` — thin widgets over the models, for readers who only click;
- :mod:`r2pkit.exercises` — graded exercises: self-check in notebooks, a batch grader;
- :mod:`r2pkit.cli` — the ``r2pkit`` command.

Import what you need, e.g. ``from r2pkit import data``. Importing the package itself is
cheap: the modules load when first used.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]

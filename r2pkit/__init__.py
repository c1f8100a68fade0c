"""r2pkit: a Jupyter teaching and research kit on the Responsibility to Protect (R2P).

Modules, one idea each:

- :mod:`r2pkit.data` — the curated datasets with their sources (load, describe, cite);
- :mod:`r2pkit.history` — R2P's timeline and how its founding texts frame it (notebook 01);
- :mod:`r2pkit.crisis` — a crisis as data: the record (Syria, Myanmar) every model below reads;
- :mod:`r2pkit.un_votes` — Security Council vetoes and General Assembly votes, for any crisis (notebook 02);
- :mod:`r2pkit.syria` — the Syria case: its record and the facts of the sources that are Syria's alone;
- :mod:`r2pkit.displacement` — refugees by host country and host pressure (notebooks 00, 02);
- :mod:`r2pkit.duties` — Hakimi's bundle of R2P duties as explained rules, with a case library (notebook 03);
- :mod:`r2pkit.resettlement` — fair shares, resettlement arrivals, the stakeholder map and a scenario model (notebook 04);
- :mod:`r2pkit.prevention` — the UNA-UK recommendations, the toolbox of measures, an early-warning checklist (notebook 05);
- :mod:`r2pkit.appendix` — a researcher's reproducible appendix, built and verified in one command (notebook 06);
- :mod:`r2pkit.workspace` — students' own copies of the notebooks, updated without losing their work;
- :mod:`r2pkit.charts` — the kit's chart theme, offline renderer and chart builders;
- :mod:`r2pkit.widgets` — thin widgets over the models, for readers who only click;
- :mod:`r2pkit.exercises` — graded exercises: self-check in notebooks, a batch grader;
- :mod:`r2pkit.cli` — the ``r2pkit`` command.

Import what you need, e.g. ``from r2pkit import data``. Importing the package itself is
cheap: the modules load when first used.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]

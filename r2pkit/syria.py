"""The Syria case: its crisis record and the facts of the sources that are Syria's alone.

The models are generic (:mod:`r2pkit.un_votes`, :mod:`r2pkit.displacement`,
:mod:`r2pkit.resettlement`): they read a :class:`~r2pkit.crisis.Crisis`. What only the
Syria case needs lives here, beside its source:

- :data:`CRISIS`, Syria's record (``datasets/crises/syria.yaml``);
- :data:`HAKIMI_LAST_VISITED`: when Hakimi's article stops looking. The latest web pages
  she cites were 'last visited Mar. 10, 2014' (Hakimi, Part II, p. 253 nn. 38, 40), so
  the vetoes and votes after that day are ones her article could not see;
- :data:`CITED_IN_N156`: the vetoed drafts Hakimi cites in n. 156 (Part IV.B.3, p. 274).

>>> CRISIS.name, HAKIMI_LAST_VISITED, len(CITED_IN_N156)
('Syria', '2014-03-10', 3)
"""
from __future__ import annotations

from .crisis import SYRIA as CRISIS

__all__ = ["CRISIS", "HAKIMI_LAST_VISITED", "CITED_IN_N156"]

#: Hakimi, p. 253 nn. 38, 40: websites 'last visited Mar. 10, 2014'.
HAKIMI_LAST_VISITED = "2014-03-10"
#: The Security Council drafts on Syria vetoed by China and Russia that Hakimi cites in n. 156.
CITED_IN_N156 = ("S/2011/612", "S/2012/77", "S/2012/538")

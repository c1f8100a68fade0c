"""Resettlement as a Pillar III response: fair shares, host pressure, stakeholders and a scenario model (notebook 04).

The resettlement article argues that resettling Syrian refugees is a practical way for states
far from the crisis to discharge R2P's third pillar while the Security Council is deadlocked.
This subpackage turns its arguments into models a seminar can run and question:

- host pressure: :func:`host_pressure` (refugees per 1,000 inhabitants, per US$1 of GDP per head,
  share of all the crisis's refugees, by host and year) is :func:`r2pkit.displacement.host_pressure`;
- :mod:`.fair_shares`: :func:`allocate` splits a resettlement target among states by a key,
  with the figures of :mod:`.figures` (World Bank, UNHCR, or a table of one's own);
- :mod:`.arrivals`: what states actually did (UNHCR resettlement arrivals) against fair shares
  and against the UK's 20,000 pledge;
- :mod:`.stakeholders`: who supports which framing of a response, and why
  (:func:`framing_support`);
- :mod:`.scenario`: a stylised scenario model of hosts, arrivals and resettlement.
"""
from ..displacement import MEASURES, host_pressure, rank_hosts
from . import arrivals, fair_shares, figures, stakeholders
from .arrivals import UK_PLEDGE, compare_with_fair_shares, pledge_progress, resettlement_states
from .fair_shares import KEYS, allocate
from .stakeholders import framing_support, stakeholder_map

from . import scenario  # noqa: F401  (the stylised scenario model: r2pkit.resettlement.scenario)

__all__ = ["MEASURES", "host_pressure", "rank_hosts", "KEYS", "allocate", "UK_PLEDGE", "resettlement_states",
           "compare_with_fair_shares", "pledge_progress", "framing_support", "stakeholder_map",
           "arrivals", "fair_shares", "figures", "stakeholders", "scenario"]

"""Widgets: thin controls over the kit's models, for readers who only click.

Each explorer builds an ipywidgets layout whose callbacks call the pure functions of the
model modules (:mod:`r2pkit.displacement`, :mod:`r2pkit.un_votes`, …) and the chart
builders of :mod:`r2pkit.charts`, and nothing else: no numbers are computed here. Charts
that follow a control are shown in a :class:`ChartPane` (:mod:`.pane`), which the browser
draws with Vega, offline. Each explorer is a class (:class:`Explorer`, :mod:`.explorer`)
whose state — the reader's choices — is declared as traits linked to its controls: setting
``box.year = 2016`` from Python does what moving the slider does. One module per topic;
all are re-exported here.
"""
from . import displacement as _d, duties as _du, explorer as _e, history as _h, keys as _k, pane as _pane
from . import prevention as _p
from . import resettlement as _r, scenario as _sc, syria as _s
from .explorer import *  # noqa: F401,F403
from .keys import *  # noqa: F401,F403
from .pane import *  # noqa: F401,F403
from .displacement import *  # noqa: F401,F403
from .duties import *  # noqa: F401,F403
from .history import *  # noqa: F401,F403
from .prevention import *  # noqa: F401,F403
from .resettlement import *  # noqa: F401,F403
from .scenario import *  # noqa: F401,F403
from .syria import *  # noqa: F401,F403

__all__ = (_e.__all__ + _k.__all__ + _pane.__all__ + _d.__all__ + _h.__all__ + _s.__all__ + _du.__all__ + _r.__all__
           + _sc.__all__ + _p.__all__)

"""Interactive panels (ipywidgets + plotly) for the notebooks and the clinic dashboards.

Importing this package loads plotly and ipywidgets; the model core never does. Every panel is a function returning
an ``ipywidgets`` container; notebook cells only call them. Shared looks and helpers live in :mod:`runmech.ui.style`.
"""

from __future__ import annotations

from runmech.ui.start import pace_panel

__all__ = ["pace_panel"]

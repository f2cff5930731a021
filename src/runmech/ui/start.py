"""The start notebook's first live widget: speed and pace, in every unit a runner uses."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from runmech import units
from runmech.ui import style

__all__ = ["pace_panel", "pace_summary"]


def pace_summary(speed_m_s: float) -> str:
    """The text shown under the pace plot.

    Examples
    --------
    >>> pace_summary(3.0)
    'At 3.0 m/s (10.8 km/h) a kilometre takes 5:33 and a mile takes 8:56.'
    """
    per_km = units.format_pace(units.pace_s_per_km(speed_m_s))
    per_mile = units.format_pace(units.pace_s_per_mile(speed_m_s))
    return f"At {speed_m_s:.1f} m/s ({speed_m_s * 3.6:.1f} km/h) a kilometre takes {per_km} and a mile takes {per_mile}."


def pace_panel(speed_m_s: float = 3.0):
    """A slider for running speed, a plot of pace against speed with the chosen point, and a live text summary.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s], 2 to 6.

    Examples
    --------
    >>> p = pace_panel(3.0)
    >>> p.children[-1].value.count("5:33")
    1
    """
    from runmech._validate import check_real

    speed_m_s = check_real("speed_m_s", speed_m_s, low=2.0, high=6.0, unit="m/s")
    speeds = np.linspace(2.0, 6.0, 81)
    pace_min_km = 1000.0 / speeds / 60.0
    pace_min_mile = units.M_PER_MILE / speeds / 60.0
    ctl = style.slider("speed (metres per second)", value=speed_m_s, min=2.0, max=6.0, step=0.1)
    msg = style.message_box()
    fig = style.figure(
        [
            go.Scatter(x=speeds, y=pace_min_km, name="minutes per km", line=dict(color=style.PALETTE["blue"])),
            go.Scatter(x=speeds, y=pace_min_mile, name="minutes per mile",
                       line=dict(color=style.PALETTE["orange"], dash="dash")),
            go.Scatter(x=[speed_m_s, speed_m_s], y=[1000 / speed_m_s / 60, units.M_PER_MILE / speed_m_s / 60],
                       mode="markers", name="your speed", marker=dict(size=14, color=style.PALETTE["black"])),
        ],
        title="Pace against speed",
        xaxis_title="speed (metres per second)",
        yaxis_title="pace (minutes per km or mile)",
        height=320,
    )
    text = style.live_text(pace_summary(speed_m_s))

    @style.guarded(msg)
    def update(change=None):
        s = float(ctl.value)
        with fig.batch_update():
            fig.data[2].x = [s, s]
            fig.data[2].y = [1000 / s / 60, units.M_PER_MILE / s / 60]
        style.set_live_text(text, pace_summary(s))

    ctl.observe(update, names="value")
    return style.panel(style.heading("Speed and pace"), ctl, msg, fig, text)

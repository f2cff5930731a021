"""Steady y axes (runmech.ui._ranges) and the lighter redraw of the region panels.

A slider step must redraw the curves without moving the axes while the data still fits (so the browser need not
measure the tick labels again), and must never leave a point outside its axis: every test below checks both sides,
the range kept and the data inside it.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from runmech.ui import hips, lower_leg, style, torso
from runmech.ui._ranges import FILL, HEADROOM, PAD, hold_ranges, initial_ranges, steady_range


def test_the_examples_in_the_module_run():
    import doctest

    from runmech.ui import _ranges

    result = doctest.testmod(_ranges, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0


def _inside(rng, lo, hi):
    """The data lies inside the range with plotly's room (PAD of the axis) free at both ends."""
    length = rng[1] - rng[0]
    return rng[0] <= lo - PAD * length + 1e-9 and rng[1] >= hi + PAD * length - 1e-9


def test_a_fresh_range_leaves_room_around_the_data():
    lo, hi = steady_range(-4.91, 51.39)
    free = [(-4.91 - lo) / (hi - lo), (hi - 51.39) / (hi - lo)]
    assert free == pytest.approx([PAD + HEADROOM] * 2)
    assert (51.39 + 4.91) / (hi - lo) >= 0.75  # snug: a little looser than plotly's own fit
    z_lo, z_hi = steady_range(0.0, 2.0)  # data that stops at zero: only plotly's room (and a sliver) below it
    assert PAD <= -z_lo / (z_hi - z_lo) < PAD + HEADROOM
    assert _inside(steady_range(-2.0, 0.0), -2.0, 0.0) and _inside((z_lo, z_hi), 0.0, 2.0)


def test_a_range_is_kept_while_the_data_suits_it_and_refitted_when_not():
    start = steady_range(0.0, 10.0)
    assert steady_range(0.2, 9.8, start) == start  # a small step: unchanged
    grown = steady_range(0.0, 11.5, start)
    assert grown != start and _inside(grown, 0.0, 11.5)  # the data left it
    shrunk = steady_range(4.0, 6.0, start)
    assert shrunk != start and (6.0 - 4.0) / (shrunk[1] - shrunk[0]) >= FILL  # the data filled too little of it
    floor = steady_range(0.0, 10.0)  # data that stops at zero, growing: the axis keeps its lower end
    assert steady_range(0.0, 10.5, floor) == floor


def test_range_modes():
    assert steady_range(1.0, 3.0, rangemode="tozero")[0] <= 0.0
    floor = steady_range(0.1, 2.36, rangemode="nonnegative")
    assert floor[0] == 0.0 and steady_range(0.12, 2.3, floor, rangemode="nonnegative") == floor
    assert steady_range(0.5, 2.36, rangemode="nonnegative")[0] > 0.0  # it only keeps the axis from going below 0
    assert steady_range(-1.0, 2.0, rangemode="nonnegative")[0] < -1.0  # negative data is still shown
    assert steady_range(5.0, 5.0) != (5.0, 5.0)  # a flat line gets room around it


def test_random_walks_stay_inside_and_fill_the_axis():
    rng = np.random.default_rng(7)
    for _walk in range(50):
        centre, half = rng.normal(0, 50), abs(rng.normal(10, 5)) + 0.1
        current, changes = None, 0
        for _step in range(100):
            centre += rng.normal(0, 0.3)
            half = max(0.1, half * (1 + rng.normal(0, 0.02)))
            lo, hi = centre - half, centre + half
            new = steady_range(lo, hi, current)
            changes += new != current
            current = new
            assert _inside(current, lo, hi)
            assert hi - lo >= FILL * (current[1] - current[0]) - 1e-9
        assert changes < 50, "the range followed the data at almost every step"


def test_initial_ranges_leave_bars_error_bars_and_set_ranges_to_plotly():
    line = go.Scatter(x=[0, 1], y=[1.0, 3.0])
    assert set(initial_ranges([line])) == {"yaxis"}
    assert initial_ranges([line, go.Bar(x=["a"], y=[1.0])]) == {}
    assert initial_ranges([go.Scatter(x=[0], y=[1.0], error_y=dict(array=[0.2], visible=True))]) == {}
    assert initial_ranges([line], {"yaxis": {"range": [0, 5]}}) == {}
    assert initial_ranges([go.Scatter(x=[0, 1], y=[1.0, 2.0], mode="text")]) == {}
    two = initial_ranges([line, go.Scatter(x=[0, 1], y=[100.0, 300.0], yaxis="y2")], {"yaxis2": {"overlaying": "y"}})
    assert set(two) == {"yaxis", "yaxis2"} and two["yaxis2"]["range"][1] >= 300.0
    filled = initial_ranges([go.Scatter(x=[0, 1], y=[2.0, 3.0], fill="tozeroy")])
    assert filled["yaxis"]["range"][0] <= 0.0


def test_hold_ranges_needs_a_batch():
    fig = go.FigureWidget(data=[go.Scatter(x=[0, 1], y=[0.0, 1.0])], layout=dict(yaxis=dict(range=[-1, 2])))
    fig._runmech_steady = ("yaxis",)
    with pytest.raises(RuntimeError, match="batch_update"):
        hold_ranges(fig)


def _messages(fig):
    sent = []
    real = fig._send_update_msg

    def record(restyle_data, relayout_data, trace_indexes=None, **kw):
        sent.append(dict(relayout_data))
        return real(restyle_data, relayout_data, trace_indexes, **kw)

    fig._send_update_msg = record
    return sent


def _check_axes_hold_the_data(fig):
    for name in fig._runmech_steady:
        ys = [np.asarray(t.y, dtype=float) for t in fig.data if ("yaxis" + (t.yaxis or "y")[1:]) == name]
        lo, hi = min(float(np.nanmin(y)) for y in ys), max(float(np.nanmax(y)) for y in ys)
        rng = fig.layout[name].range
        assert _inside(rng, lo, hi), f"{fig.layout.title.text}: {name} {rng} does not hold the data {lo}..{hi}"


@pytest.mark.parametrize("build", [hips.hips_screens, lower_leg.lower_leg_screens, torso.torso_screens])
def test_a_slider_step_keeps_the_axes_and_every_point_stays_in_view(build):
    d = build()
    panel = d.parts.extra["screens"][0][1]
    fig = panel.parts.figures[0]
    assert fig._runmech_steady == ("yaxis",) and fig.layout.yaxis.autorange is False
    assert fig.layout.xaxis.ticklabeloverflow == "allow" and fig.layout.yaxis.ticklabeloverflow == "allow"
    sent = _messages(fig)
    speed = panel.parts.controls["speed_m_s"]
    speeds = [round(3.0 + 0.1 * k, 1) for k in range(1, 41)] + [round(7.0 - 0.25 * k, 2) for k in range(1, 23)]
    for v in speeds:
        speed.value = v
        _check_axes_hold_the_data(fig)
    assert len(sent) == len(speeds), "one message per slider step"
    moved = sum("yaxis.range" in m for m in sent)
    assert 0 < moved <= len(speeds) // 4, f"the y axis moved at {moved} of {len(speeds)} steps"
    # the other view of the screen catches up when shown, with its axis fitted to the data it now shows
    panel.parts.extra["view"].index = 1
    if getattr(panel.parts.figures[1], "_runmech_steady", ()):
        _check_axes_hold_the_data(panel.parts.figures[1])


def test_a_zoom_is_kept_while_the_data_suits_it():
    p = hips.hip_stride_panel(3.0)
    fig = p.parts.figures[0]
    lo, hi = fig.layout.yaxis.range
    fig.layout.yaxis.range = (lo - 5.0, hi + 5.0)  # as the browser reports a zoom out
    p.parts.controls["speed_m_s"].value = 3.1
    assert tuple(fig.layout.yaxis.range) == (lo - 5.0, hi + 5.0)
    fig.layout.yaxis.range = (0.0, 10.0)  # zoomed in: the data leaves the view, so the next step fits it again
    p.parts.controls["speed_m_s"].value = 3.2
    _check_axes_hold_the_data(fig)


def test_axes_with_bars_or_error_bars_keep_plotly_autorange():
    bars = hips.hip_symmetry_panel(0.0).parts.figures[1]
    assert bars._runmech_steady == () and bars.layout.yaxis.range is None
    speed = hips.hip_speed_panel(3.0).parts.figures[0]
    assert speed._runmech_steady == ("yaxis2",) and speed.layout.yaxis.range is None


def test_tick_labels_are_not_measured_for_overflow_unless_asked():
    fig = style.figure([go.Scatter(x=[0, 1], y=[0, 1])], yaxis2=dict(overlaying="y"),
                       xaxis=dict(ticklabeloverflow="hide past div"))
    assert fig.layout.yaxis.ticklabeloverflow == "allow" and fig.layout.yaxis2.ticklabeloverflow == "allow"
    assert fig.layout.xaxis.ticklabeloverflow == "hide past div"  # a caller's own choice wins


def test_a_sentence_that_fails_after_the_plot_was_redrawn_puts_the_plot_back(monkeypatch):
    """The plot in sight is redrawn before the sentences are written; if writing them fails, the plot goes back to
    the last good model run, so plot and sentences never disagree."""
    p = hips.hip_stride_panel(3.0)
    fig = p.parts.figures[0]
    y_before, text_before = np.asarray(fig.data[0].y).copy(), p.parts.text(0)

    def broken(self, sim, ctl):
        raise RuntimeError("a bug in a sentence")

    monkeypatch.setattr(hips._HipAngleView, "describe", broken)
    p.parts.controls["speed_m_s"].value = 5.0
    assert "Something went wrong" in p.parts.message.value
    np.testing.assert_allclose(fig.data[0].y, y_before)
    assert p.parts.text(0) == text_before
    monkeypatch.undo()
    p.parts.controls["speed_m_s"].value = 5.1
    assert p.parts.message.value == "" and "5.1 m/s" in p.parts.text(0)
    assert not np.allclose(fig.data[0].y, y_before)


def test_the_next_slider_step_is_run_ahead_while_the_kernel_is_idle(monkeypatch):
    """In a kernel (an asyncio loop runs) a slider step schedules the step after it; a newer step cancels that."""
    import asyncio

    import runmech.model
    from runmech.ui import controls as ctl_module

    calls = []
    real = runmech.model.simulate

    def counting(runner, *, speed_m_s, **knobs):
        calls.append(round(speed_m_s, 6))
        return real(runner, speed_m_s=speed_m_s, **knobs)

    monkeypatch.setattr(runmech.model, "simulate", counting)
    ctl_module._run_cached.cache_clear()
    p = hips.hip_stride_panel(3.0)
    speed = p.parts.controls["speed_m_s"]

    async def steps():
        speed.value = 3.3
        await asyncio.sleep(0.01)
        speed.value = 3.4  # before the first read-ahead ran: it is cancelled
        await asyncio.sleep(ctl_module.READ_AHEAD_S + 0.1)
        assert calls[-1] == 3.5 and 3.6 not in calls  # 3.3 -> 3.4: the step after is 3.5 (3.0 -> 3.3: 3.6 dropped)
        n = len(calls)
        speed.value = 3.5  # found waiting: no new model run for it
        assert calls[n:] == [], calls[n:]
        assert "3.5 m/s" in p.parts.text(0)
        speed.value = speed.max  # at the end: nothing to run ahead
        await asyncio.sleep(ctl_module.READ_AHEAD_S + 0.1)
        assert calls[-1] == speed.max

    asyncio.run(steps())
    assert 3.6 not in calls  # the read-ahead after 3.5 was cancelled by the jump to the end
    ctl_module._run_cached.cache_clear()


def test_controls_take_several_callbacks_and_read_ahead_comes_last():
    from runmech.ui.controls import Controls

    c = Controls(["speed_m_s", "arm_swing"])
    seen = []
    c.observe(lambda ch: seen.append("first"))
    c.observe(lambda ch: seen.append("second"))
    c["arm_swing"].value = 1.2
    assert seen == ["first", "second"]
    notifiers = c["arm_swing"]._trait_notifiers["value"]["change"]
    assert notifiers[-1] == c._read_ahead  # after every panel callback: the screen is done before it is scheduled

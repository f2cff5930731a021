"""Dashboards as screens: a few screens, one idea each, and a switch between the therapist's words and the client's.

The clinic dashboards (:func:`runmech.ui.torso.torso_screens`, :func:`runmech.ui.hips.hips_screens`,
:func:`runmech.ui.lower_leg.lower_leg_screens`) are built with :func:`screens`.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from runmech._validate import shown
from runmech.ui import style
from runmech.ui.base import CLIENT, THERAPIST, Parts

__all__ = ["screens"]


def screens(items: list[tuple[str, Callable[[], w.Widget] | w.Widget]]) -> w.VBox:
    """A dashboard of a few screens, one idea each: numbered step buttons, one screen shown at a time.

    Only the screen shown is drawn in the browser (an ipywidgets ``Stack`` shows one child), so a slider redraws only
    the plots in view, and a long scroll becomes a few short pages. A switch above the screens writes every
    screen's sentences for the therapist (units and indices) or for the client (everyday words, the same numbers);
    the switch rewrites the sentences without running the model or redrawing a plot.

    Parameters
    ----------
    items : list of (title, panel) pairs
        Screen titles and the panel functions to build (called with no arguments, so that a panel of several views
        shows one view at a time), or panels already built (each with ``panel.parts``).

    Returns
    -------
    ipywidgets.VBox
        The dashboard; ``parts.extra`` holds ``"screens"`` (the items), ``"steps"`` and ``"words"`` (the switches).

    Examples
    --------
    >>> from runmech.ui.torso import symmetry_panel, sway_panel
    >>> d = screens([("Symmetry", symmetry_panel), ("Sway", sway_panel)])
    >>> d.parts.extra["steps"].options
    ('1 · Symmetry', '2 · Sway')
    >>> d.parts.extra["words"].value = "client"
    >>> d.parts.extra["screens"][1][1].parts.words
    'client'
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)) or not all(
            isinstance(it, (list, tuple)) and len(it) == 2 and isinstance(it[0], str)
            and (callable(it[1]) or hasattr(it[1], "parts")) for it in items):
        raise TypeError(f"items must be a list of (title, panel) pairs, e.g. [('Sway', sway_panel)]; got "
                        f"{shown(items)}")
    if not items:
        raise ValueError("items must hold at least one (title, panel) pair; got none")
    token = style.ONE_VIEW.set(True)
    try:
        items = [(title, panel() if callable(panel) and not isinstance(panel, w.Widget) else panel)
                 for title, panel in items]
    finally:
        style.ONE_VIEW.reset(token)
    names = [f"{i + 1} · {title}" for i, (title, _panel) in enumerate(items)]
    steps = w.ToggleButtons(options=names, value=names[0], tooltips=[f"screen {n}" for n in names],
                            style={"button_width": "auto"})
    steps.add_class("runmech-steps")
    stack = w.Stack([panel for _title, panel in items], selected_index=0, layout=w.Layout(width="100%"))
    w.jslink((steps, "index"), (stack, "selected_index"))  # switching screens needs no round trip to the kernel
    from runmech.ui.controls import UI_CONTROLS

    who = w.ToggleButtons(options=[("for the therapist", THERAPIST), ("for the client", CLIENT)], value=THERAPIST,
                          description=UI_CONTROLS["words"][0], style={"button_width": "auto"})
    who.add_class("runmech-words")

    def set_words(change):
        for _title, panel in items:
            panel.parts.set_words(change["new"])

    who.observe(set_words, names="value")
    bar = w.HBox([steps, who], layout=w.Layout(flex_flow="row wrap", justify_content="space-between",
                                               align_items="center", width="100%"))
    box = style.panel(bar, stack, css_class="runmech-screens")
    box.parts = Parts(texts=[t for _title, p in items for t in p.parts.texts],  # type: ignore[attr-defined]
                      figures=[f for _title, p in items for f in p.parts.figures],
                      extra={"screens": list(items), "steps": steps, "words": who, "stack": stack})
    return box

"""Exercise drawings in notebooks and dashboards: the animated figure of one exercise, and a small gallery.

The figures are the inline SVG of :mod:`runmech.dosing.drawings` (de Leva's proportions, the key poses in
``data/exercise_poses.csv``), animated by CSS keyframes inside the figure, so they play offline in JupyterLab and
Voila with no script and no file to fetch. Each one carries its text alternative, and the same words are printed under it.
"""

from __future__ import annotations

import html

import ipywidgets as w

from runmech._validate import check_bool, check_text
from runmech.dosing import drawings, exercises

__all__ = ["figure_html", "exercise_figure", "exercise_gallery"]


def figure_html(exercise_id: str, *, animated: bool = True, uid: str | None = None) -> str:
    """HTML of one exercise's figure with its description printed under it (for an ``ipywidgets.HTML``).

    Examples
    --------
    >>> page = figure_html("glute_bridge")
    >>> "<svg" in page and "@keyframes" in page and "Start:" in page
    True
    """
    exercise_id = check_text("exercise_id", exercise_id, max_chars=80, single_line=True)
    animated = check_bool("animated", animated)
    uid = check_text("uid", uid, max_chars=80, single_line=True, allow_none=True)
    svg = drawings.animated_svg(exercise_id, uid=uid) if animated else drawings.still_svg(exercise_id, uid=uid)
    title, desc = drawings.text_alternative(exercise_id)
    width = "260px" if animated else "100%"
    svg = svg.replace("<svg ", '<svg style="width:100%;height:auto" ', 1)
    return (f'<figure class="runmech-exercise-figure" style="margin:4px 0;max-width:520px">'
            f'<div style="width:{width};max-width:100%">{svg}</div><figcaption style="font-size:13px;color:#333;line-height:1.35" aria-hidden="true">'
            f"<b>{html.escape(title)}.</b> {html.escape(desc)}</figcaption></figure>")


def exercise_figure(exercise_id: str, *, animated: bool = True) -> w.HTML:
    """The figure of one exercise as a widget (animated by default).

    Examples
    --------
    >>> exercise_figure("calf_raise").value.count("<svg")
    1
    """
    out = w.HTML(figure_html(exercise_id, animated=animated), layout=w.Layout(width="100%"))
    out.add_class("runmech-exercise")
    return out


def exercise_gallery(region: str | None = None):
    """Choose an exercise (of one region, or all) and watch it move; the words under it say the movement.

    Examples
    --------
    >>> g = exercise_gallery("hips")
    >>> g.children[0].value
    'half_kneeling_hip_flexor_stretch'
    >>> g.children[0].value = "glute_bridge"; "Glute bridge" in g.children[1].value
    True
    """
    cat = exercises.catalogue() if region is None else exercises.for_region(region)
    pick = w.Dropdown(options=[(n, i) for n, i in zip(cat["name"], cat["id"])], description="exercise",
                      style={"description_width": "90px"}, layout=w.Layout(width="100%", max_width="420px"))
    shown = exercise_figure(pick.value)

    def show(change=None) -> None:
        shown.value = figure_html(pick.value)

    pick.observe(show, names="value")
    box = w.VBox([pick, shown], layout=w.Layout(width="100%", max_width="560px"))
    box.add_class("runmech-exercise-gallery")
    return box

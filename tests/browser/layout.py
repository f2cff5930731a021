"""The layout check: in every plot, title, legend and axis titles neither overlap nor leave the figure; no control
label is cut off or runs into its control.

``layout_problems(scope)`` measures the boxes in the browser (``getBoundingClientRect`` of plotly's own title,
legend and axis-title elements, and of every ipywidgets label) and returns one plain sentence per problem, naming
the panel, the plot's title and the two things that collide. Used by the layout test and by the clinic and region
tests, which already have the pages open.
"""

from __future__ import annotations

# JavaScript run on an element (a panel, or the page's body): the boxes of everything the check looks at.
_MEASURE_JS = """
(root) => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                          && getComputedStyle(el).visibility !== 'hidden'; };
  const text = el => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const panelOf = el => { const p = el.closest('.runmech-panel');
                          const h = p && p.querySelector('h1, h2, h3, h4');
                          return h ? text(h) : (p ? 'a panel' : 'the page'); };
  const plots = [];
  for (const gd of root.querySelectorAll('.js-plotly-plot')) {
    if (!visible(gd)) continue;
    const svg = gd.querySelector('svg.main-svg');
    const items = [];
    const add = (kind, el) => { if (el && visible(el) && text(el)) items.push({kind, text: text(el).slice(0, 70),
                                                                            box: box(el)}); };
    add('title', gd.querySelector('.g-gtitle .gtitle'));
    const leg = gd.querySelector('g.legend');
    if (leg) { const bg = leg.querySelector('rect.bg'); if (bg && visible(bg)) items.push({kind: 'legend',
        text: Array.from(leg.querySelectorAll('.legendtext')).map(text).join(' / ').slice(0, 70), box: box(bg)}); }
    for (const t of gd.querySelectorAll('.g-xtitle .xtitle, .g-x2title .x2title')) add('x axis title', t);
    for (const t of gd.querySelectorAll('.g-ytitle .ytitle, .g-y2title .y2title')) add('y axis title', t);
    for (const t of gd.querySelectorAll('.annotation-text-g')) add('annotation', t);
    const ticks = {};
    for (const ax of ['x', 'y', 'y2']) {
      const labels = Array.from(gd.querySelectorAll(`.${ax}tick text`)).filter(visible).map(box);
      if (labels.length) ticks[ax] = [Math.min(...labels.map(b => b[0])), Math.min(...labels.map(b => b[1])),
                                       Math.max(...labels.map(b => b[2])), Math.max(...labels.map(b => b[3]))];
    }
    const drag = gd.querySelector('.nsewdrag');
    plots.push({panel: panelOf(gd), title: text(gd.querySelector('.gtitle') || gd).slice(0, 70),
                frame: box(svg || gd), plot: drag ? box(drag) : null, items, ticks});
  }
  const labels = [];
  for (const el of root.querySelectorAll('.widget-label, .widget-toggle-button, .widget-checkbox label, ' +
                                         '.widget-button, .widget-readout')) {
    if (!visible(el) || !text(el)) continue;
    const row = el.parentElement;
    const next = Array.from(row ? row.children : []).find(s => s !== el && visible(s) && !s.contains(el)
                   && s.getBoundingClientRect().left >= el.getBoundingClientRect().left - 1);
    labels.push({panel: panelOf(el), text: text(el).slice(0, 80), box: box(el),
                 cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2,
                 next: next ? box(next) : null});
  }
  return {plots, labels};
}
"""


def _overlap(a, b, slack: float = 1.0) -> float:
    """Area [px²] two boxes (left, top, right, bottom) share, after shrinking each by ``slack`` on every side."""
    w = min(a[2], b[2]) - max(a[0], b[0]) - 2 * slack
    h = min(a[3], b[3]) - max(a[1], b[1]) - 2 * slack
    return max(0.0, w) * max(0.0, h)


def _inside(inner, outer, slack: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def problems_in(measured: dict) -> list[str]:
    """Plain sentences, one per collision or cut-off, from what ``_MEASURE_JS`` measured.

    Examples
    --------
    >>> plot = {"panel": "P", "title": "T", "frame": [0, 0, 500, 300], "plot": [60, 60, 480, 250], "ticks": {},
    ...         "items": [{"kind": "title", "text": "T", "box": [10, 10, 300, 30]},
    ...                   {"kind": "legend", "text": "a / b", "box": [200, 20, 490, 40]}]}
    >>> problems_in({"plots": [plot], "labels": []})
    ["P, plot 'T': the title 'T' overlaps the legend 'a / b'"]
    """
    out = []
    for p in measured["plots"]:
        where = f"{p['panel']}, plot '{p['title']}'"
        items = p["items"]
        for i, a in enumerate(items):
            if not _inside(a["box"], p["frame"]):
                out.append(f"{where}: the {a['kind']} '{a['text']}' is cut off at the edge of the figure")
            for b in items[i + 1:]:
                if _overlap(a["box"], b["box"]) > 4:
                    out.append(f"{where}: the {a['kind']} '{a['text']}' overlaps the {b['kind']} '{b['text']}'")
            if a["kind"] in ("title", "legend") and p["plot"] and _overlap(a["box"], p["plot"]) > 4:
                out.append(f"{where}: the {a['kind']} '{a['text']}' covers the plotting area")
            for ax, tick_box in p["ticks"].items():
                if a["kind"] in ("title", "legend", "x axis title", "y axis title") and _overlap(a["box"], tick_box) > 4:
                    out.append(f"{where}: the {a['kind']} '{a['text']}' runs into the {ax} axis tick labels")
    for lab in measured["labels"]:
        where = f"{lab['panel']}: control label '{lab['text']}'"
        if lab["cut"]:
            out.append(f"{where} is cut off")
        elif lab["next"] and _overlap(lab["box"], lab["next"]) > 4:
            out.append(f"{where} runs into its control")
    return list(dict.fromkeys(out))


def measure(scope) -> dict:
    """What the check measures inside ``scope`` (a Playwright locator, or a page: its whole body)."""
    target = scope.locator("body") if hasattr(scope, "goto") else scope
    return target.evaluate(_MEASURE_JS)


def layout_problems(scope, *, expect_plots: bool = False) -> list[str]:
    """Problems of the layout inside ``scope``; with ``expect_plots``, measuring no plot is one too (the check must
    not pass because its selectors found nothing)."""
    measured = measure(scope)
    found = problems_in(measured)
    if expect_plots and not measured["plots"]:
        found.append("nothing measured: the plots here were not found")
    return found

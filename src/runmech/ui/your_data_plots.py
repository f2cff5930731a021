"""Drawing of the your-data lab: the four figures, their live summaries and the tables (a mixin of
:class:`runmech.ui.your_data.YourDataLab`, which holds the recording, the controls and the callbacks)."""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech import recordings
from runmech.recordings.columns import unit_of
from runmech.ui import style

__all__ = ["QUANTITY_WORDS", "LabDrawing"]


P = style.PALETTE
AUTO = "(found automatically)"
NONE = "(none)"

#: Words shown for the model quantities compared (unit in words).
QUANTITY_WORDS = {
    "thorax_rotation_rom_deg": "thorax rotation range (degrees)",
    "pelvis_rotation_rom_deg": "pelvis rotation range (degrees)",
    "hip_flexion_rom_deg": "hip flexion range (degrees)",
    "hip_flexion_max_deg": "peak hip flexion (degrees)",
    "hip_flexion_min_deg": "peak hip extension (degrees, negative)",
    "arm_swing_rom_deg": "arm swing range (degrees)",
    "peak_hip_flexor_moment_Nm_kg": "peak hip flexor moment (newton metres per kg)",
    "peak_hip_extensor_moment_Nm_kg": "peak hip extensor moment (newton metres per kg)",
    "peak_vgrf_bw": "peak vertical ground force (body weights)",
    "stride_time_s": "stride time (seconds)",
    "cadence_spm": "cadence (steps per minute)",
    "contact_time_s": "ground contact time (seconds)",
    "thorax_rotation_si_pct": "thorax rotation symmetry index (percent)",
    "thorax_rotation_sa_pct": "thorax rotation symmetry angle (percent)",
    "pelvis_rotation_si_pct": "pelvis rotation symmetry index (percent)",
    "pelvis_rotation_sa_pct": "pelvis rotation symmetry angle (percent)",
    "hip_flexor_moment_si_pct": "hip flexor moment symmetry index (percent)",
    "hip_flexor_moment_sa_pct": "hip flexor moment symmetry angle (percent)",
    "hip_flexion_rom_si_pct": "hip flexion range symmetry index (percent)",
    "hip_flexion_rom_sa_pct": "hip flexion range symmetry angle (percent)",
    "peak_vgrf_si_pct": "peak vertical force symmetry index (percent)",
    "peak_vgrf_sa_pct": "peak vertical force symmetry angle (percent)",
    "contact_time_si_pct": "contact time symmetry index (percent)",
    "contact_time_sa_pct": "contact time symmetry angle (percent)",
}
_UNIT_WORDS = {"deg": "degrees", "N": "newtons", "N·m": "newton metres", "N·m/kg": "newton metres per kg",
               "BW": "body weights", "s": "seconds", "m": "metres", "": "(unit as in the file)"}
_MEASURE_WORDS = {"rom": "range", "trial_rom": "range over the trial", "stance_max": "peak per stance",
                  "value": "value", "excursion": "turn each way"}
_WIDE = w.Layout(width="100%", max_width="560px")
_STYLE = {"description_width": "230px"}


def _f(x: float, nd: int = 1) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{x:.{nd}f}"


def _table_html(header: list[str], rows: list[list[str]], caption: str) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 8px'>{html.escape(c)}</td>" for c in r) + "</tr>"
                   for r in rows)
    return (f"<div style='overflow-x:auto;max-height:340px;overflow-y:auto'><table class='runmech-table' "
            f"style='border-collapse:collapse;font-size:14px'><caption style='text-align:left;font-weight:bold'>"
            f"{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _sd_text(mean: float, sd: float, nd: int = 1) -> str:
    return _f(mean, nd) + (f" ± {_f(sd, nd)}" if sd is not None and np.isfinite(sd) else "")


def _nd(unit: str) -> int:
    return 3 if unit == "s" else 2 if unit in ("BW", "N·m/kg") else 1



class LabDrawing:
    """Figures, tables and live texts of the lab; the lab supplies ``recording``, ``strides``, ``stats``,
    ``comparison``, ``controls`` and ``runner()``.

    Examples
    --------
    >>> from runmech.ui.your_data import YourDataLab
    >>> isinstance(YourDataLab(), LabDrawing)
    True
    """

    def _build_outputs(self) -> None:
        # Figures are made on the first draw, with their data and layout in the constructor: plotly >= 6 does not
        # send changes made before a FigureWidget is displayed. Later draws update them in batch_update().
        self.figures: dict[str, go.FigureWidget] = {}
        self._specs = {
            "signal": dict(
                data=[go.Scatter(x=[], y=[], name="right side", line=dict(color=P["right"], width=2)),
                      go.Scatter(x=[], y=[], name="left side", line=dict(color=P["left"], width=2, dash="dash")),
                      go.Scatter(x=[], y=[], mode="markers", name="right foot strikes",
                                 marker=dict(symbol="triangle-up", size=10, color=P["right"])),
                      go.Scatter(x=[], y=[], mode="markers", name="left foot strikes",
                                 marker=dict(symbol="triangle-down", size=10, color=P["left"]))],
                title="The recording over time, with foot strikes", xaxis_title="time (seconds)",
                yaxis_title="value", height=320),
            "strides": dict(
                data=[go.Scatter(x=[], y=[], mode="lines", name="right strides", hoverinfo="skip",
                                 line=dict(color=P["right"], width=1), opacity=0.35),
                      go.Scatter(x=[], y=[], mode="lines", name="left strides", hoverinfo="skip",
                                 line=dict(color=P["left"], width=1), opacity=0.35),
                      go.Scatter(x=[], y=[], mode="lines", name="right mean", line=dict(color=P["right"], width=4)),
                      go.Scatter(x=[], y=[], mode="lines", name="left mean",
                                 line=dict(color=P["left"], width=4, dash="dash"))],
                title="Every stride overlaid", xaxis_title="position in the stride (percent; foot strike at 0)",
                yaxis_title="value", height=340),
            "symmetry": dict(
                data=[go.Bar(x=[], y=[], orientation="h", name="inside the healthy band", marker_color=P["blue"]),
                      go.Bar(x=[], y=[], orientation="h", name="outside the healthy band",
                             marker_color=P["vermillion"])],
                title="Symmetry angle of every right/left pair",
                xaxis_title="symmetry angle (percent)<br>+ = right side larger, 0 = symmetric", height=360,
                barmode="overlay", hovermode="closest", margin=dict(l=200, b=84),
                shapes=[dict(type="rect", xref="x", yref="paper", x0=-5, x1=5, y0=0, y1=1, line=dict(width=0),
                             fillcolor=P["band"], layer="below"),
                        dict(type="line", xref="x", yref="paper", x0=-2.5, x1=-2.5, y0=0, y1=1,
                             line=dict(color=P["green"], dash="dot", width=1)),
                        dict(type="line", xref="x", yref="paper", x0=2.5, x1=2.5, y0=0, y1=1,
                             line=dict(color=P["green"], dash="dot", width=1))],
                annotations=[dict(x=0, y=1.0, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                                  text="healthy band ±5 % (dotted ±2.5 % for step timing)",
                                  font=dict(size=12, color="#333"))]),
            "model": dict(
                data=[go.Bar(x=[], y=[], base=[], orientation="h", name="healthy reference range",
                             marker=dict(color=P["band"], line=dict(color=P["green"], width=1))),
                      go.Scatter(x=[], y=[], mode="markers", name="model", marker=dict(symbol="diamond", size=12,
                                                                                       color=P["model"])),
                      go.Scatter(x=[], y=[], mode="markers", name="your recording (mean ± SD)",
                                 marker=dict(size=11, color=P["black"]),
                                 error_x=dict(type="data", array=[], visible=True, color=P["black"]))],
                title="Your recording beside the model and healthy runners",
                xaxis_title="percent of the model's value<br>(the model = 100)", height=420, hovermode="closest",
                margin=dict(l=280, b=84), barmode="overlay"),
        }
        self.texts = {k: style.live_text() for k in ("source", "signal", "strides", "stats", "symmetry", "model",
                                                     "export")}
        self.tables = {k: w.HTML() for k in ("preview", "stats", "symmetry", "model")}
        self.export_link = w.HTML()

    def _variable_columns(self) -> dict[str, str]:
        sides = dict(self._variables.get(self.controls["variable"].value, {}))
        show = self.controls["sides"].value
        if show != "both" and show in sides:
            sides = {show: sides[show]}
        return sides

    def _figure(self, key: str, traces: list[dict], layout: dict) -> None:
        """Make figure ``key`` with these trace properties and layout, or update it if it exists."""
        fig = self.figures.get(key)
        if fig is None:
            spec = dict(self._specs[key])
            data = spec.pop("data")
            for trace, props in zip(data, traces):
                trace.update(props)
            for name, value in layout.items():
                if isinstance(value, dict) and isinstance(spec.get(name), dict):
                    spec[name] = {**spec[name], **value}
                else:
                    spec[name] = value
            self.figures[key] = style.figure(data, **spec)
            return
        with fig.batch_update():
            for trace, props in zip(fig.data, traces):
                trace.update(props)
            fig.update_layout(layout)

    def _draw_all(self) -> None:
        self._draw_source()
        self._draw_variable()
        self._draw_stats()
        self._draw_model()
        self._draw_export()

    def _draw_source(self) -> None:
        rec = self.recording
        a = rec.attrs
        t = rec.index.to_numpy()
        head = rec.head(6)
        cols = [str(x) for x in rec.columns]
        shown = cols[:8]
        rows = [[f"{ti:.3f}"] + [f"{v:.4g}" for v in row] for ti, row in zip(head.index, head[shown].to_numpy())]
        self.tables["preview"].value = _table_html(
            ["time (s)"] + shown, rows, f"First rows of {a.get('name', 'the recording')}"
            + (f" (first 8 of {len(cols)} columns)" if len(cols) > 8 else ""))
        units = ("angles converted from radians to degrees: " + ", ".join(a["converted_to_degrees"])
                 if a.get("converted_to_degrees") else "angles in degrees" if a.get("in_degrees", True) is not False
                 else "angles in radians")
        text = (f"{a.get('label', 'recording')}. {len(rec)} rows and {len(cols)} columns over {t[-1] - t[0]:.1f} "
                f"seconds, sampled at {a.get('rate_hz', float('nan')):.0f} per second; {units}.")
        style.set_live_text(self.texts["source"], text)

    def _draw_variable(self) -> None:
        rec, strides = self.recording, self.strides
        sides = self._variable_columns()
        var = self.controls["variable"].value
        t = rec.index.to_numpy()
        unit = next((unit_of(c) for c in sides.values()), "")
        ylab = f"{var} ({_UNIT_WORDS.get(unit, unit)})"
        end = t[0] + min(6.0, t[-1] - t[0])
        traces: dict[str, Any] = {}
        strikes: dict[str, tuple] = {}
        overlay: dict[str, tuple] = {}
        means: dict[str, tuple] = {}
        over = "strides" if strides.sides else "stances"
        contacts = strides.contacts
        for side in ("right", "left"):
            col = sides.get(side) or (sides.get("both") if side == "right" else None)
            if col is None:
                traces[side] = ([], [])
                strikes[side] = ([], [])
                overlay[side] = ([], [])
                means[side] = ([], [])
                continue
            y = rec[col].to_numpy()
            traces[side] = (t, y)
            mine = contacts[contacts["side"] == side]
            st_t = (mine if len(mine) else contacts)["strike_s"].to_numpy()
            strikes[side] = (st_t, np.interp(st_t, t, y))
            curves = recordings.stride_curves(rec, strides, col, over=over)
            x = np.tile(np.append(curves.columns.to_numpy(dtype=float), np.nan), len(curves))
            yy = np.hstack([curves.to_numpy(), np.full((len(curves), 1), np.nan)]).ravel()
            overlay[side] = (x, yy)
            means[side] = (curves.columns.to_numpy(dtype=float), curves.mean(axis=0).to_numpy())
        lines = [dict(x=traces[s][0], y=traces[s][1], name=f"{s} side" if "both" not in sides else var)
                 for s in ("right", "left")]
        marks = [dict(x=strikes[s][0], y=strikes[s][1]) for s in ("right", "left")]
        self._figure("signal", lines + marks, {"yaxis": {"title": {"text": ylab}}, "xaxis": {"range": [t[0], end]}})
        words = (("Every stride overlaid", "position in the stride (percent; foot strike at 0)")
                 if over == "strides" else
                 ("Every stance overlaid", "position in the stance (percent; foot strike at 0, toe-off at 100)"))
        self._figure("strides", [dict(x=overlay[s][0], y=overlay[s][1], name=f"{s} {over}") for s in ("right", "left")]
                     + [dict(x=means[s][0], y=means[s][1]) for s in ("right", "left")],
                     {"yaxis": {"title": {"text": ylab}}, "title_text": words[0], "xaxis_title_text": words[1]})
        style.set_live_text(self.texts["signal"], self._signal_text(sides, var))
        style.set_live_text(self.texts["strides"], self._strides_text(sides, var, unit))

    def _signal_text(self, sides: dict[str, str], var: str) -> str:
        first = self.strides.describe()
        shown = ", ".join(f"{c} ({s})" if s != "both" else c for s, c in sides.items())
        notes = (" Notes: " + "; ".join(self.strides.notes) + ".") if self.strides.notes else ""
        return f"The plot shows {shown} for the first seconds (drag or zoom to see more). Strides: {first}{notes}"

    def _strides_text(self, sides: dict[str, str], var: str, unit: str) -> str:
        parts = []
        measured = set(zip(self.stats.table["column"], self.stats.table["measure"]))
        for side, col in sides.items():
            label = side if side != "both" else "right-foot"
            if (col, "rom") in measured:
                n = self.stats.get(col, measure="rom", what="n")
                rom = _sd_text(self.stats.get(col), self.stats.get(col, what="sd"))
                parts.append(f"{label} strides ({int(n)}): range {rom} {_UNIT_WORDS.get(unit, unit)}, from "
                             f"{_f(self.stats.get(col, measure='min'))} to {_f(self.stats.get(col, measure='max'))}")
            elif (col, "trial_rom") in measured:
                parts.append(f"{side if side != 'both' else 'whole'} trial: range "
                             f"{_f(self.stats.get(col, measure='trial_rom'))} {_UNIT_WORDS.get(unit, unit)}, from "
                             f"{_f(self.stats.get(col, measure='trial_min'))} to "
                             f"{_f(self.stats.get(col, measure='trial_max'))} (no complete stride: over the whole "
                             "recording)")
        if self.strides.sides:
            how = ("every stride from foot strike (0 %) to the next strike of the same foot, thin lines, with the "
                   "mean of each side as a thick line. ")
        else:
            how = ("every stance from foot strike (0 %) to toe-off (100 %): the recording holds no complete stride. ")
        return f"{var}, {how}" + "; ".join(parts) + "."

    def _draw_stats(self) -> None:
        st = self.stats
        rows = []
        peaks = {(r.column, r.variable, r.side, r.measure): r.mean for r in st.table.itertuples()
                 if r.measure in ("max", "min", "trial_max", "trial_min")}
        words = {"rom": "range per stride", "value": "value", "trial_rom": "range over the trial",
                 "stance_max": "peak per stance"}
        for r in st.table.itertuples():
            if r.measure not in words:
                continue
            nd = _nd(r.unit)
            top = "trial_max" if r.measure == "trial_rom" else "max"
            low = "trial_min" if r.measure == "trial_rom" else "min"
            rows.append([r.variable, r.side, words[r.measure], _sd_text(r.mean, r.sd, nd),
                         _f(peaks.get((r.column, r.variable, r.side, top), float("nan")), nd),
                         _f(peaks.get((r.column, r.variable, r.side, low), float("nan")), nd), str(int(r.n)),
                         _UNIT_WORDS.get(r.unit, r.unit)])
        self.tables["stats"].value = _table_html(
            ["variable", "side", "measure", "mean ± SD", "peak max", "peak min", "n (strides or stances)", "unit"],
            rows, "Per-stride statistics (mean ± SD over strides; ranges over the trial when there is no stride)")
        sym = st.symmetry
        main = sym[sym["measure"].isin(["rom", "excursion", "value", "trial_rom", "stance_max"])]
        srows = [[r.variable, r.measure.replace("rom", "range"), _f(r.right, _nd(r.unit)), _f(r.left, _nd(r.unit)),
                  _f(r.si_pct), _f(r.sa_pct, 2), "outside" if r.outside_band else "inside"]
                 for r in sym.itertuples()]
        self.tables["symmetry"].value = _table_html(
            ["variable", "measure", "right", "left", "SI (%)", "SA (%)", "healthy band"], srows,
            "Symmetry of every right/left pair (SI = symmetry index, SA = symmetry angle)")
        labels = [f"{r.variable} ({_MEASURE_WORDS.get(r.measure, r.measure)})" for r in main.itertuples()]
        sa = main["sa_pct"].to_numpy(dtype=float) if len(main) else np.array([])
        out = main["outside_band"].to_numpy(dtype=bool) if len(main) else np.array([], bool)
        hover = [f"SI {_f(r.si_pct)} %, right {_f(r.right, 2)}, left {_f(r.left, 2)} {r.unit}"
                 for r in main.itertuples()]
        ok = np.isfinite(sa)
        span = max(8.0, float(np.max(np.abs(sa[ok]))) * 1.15) if ok.any() else 8.0
        groups = []
        for flag in (False, True):
            keep = ok & (out == flag)
            groups.append(dict(x=sa[keep], y=[lab for lab, k in zip(labels, keep) if k],
                               hovertext=[h for h, k in zip(hover, keep) if k]))
        self._figure("symmetry", groups, {"height": max(300, 60 + 28 * len(labels)),
                                          "xaxis": {"range": [-span, span]},
                                          "yaxis": {"categoryorder": "array", "categoryarray": labels[::-1]}})
        flagged = main[main["outside_band"]] if len(main) else main
        n_stat = int(st.table["column"].replace("", np.nan).nunique())
        longer = (" What needs a longer recording: " + "; ".join(st.needs_longer) + ".") if st.needs_longer else ""
        style.set_live_text(self.texts["stats"],
                            f"{n_stat} columns measured over {len(st.strides.good())} plausible strides and "
                            f"{len(st.strides.contacts)} foot strikes.{longer} "
                            + (" ".join(st.notes) if st.notes else ""))
        if len(main) == 0:
            text = "No right/left pairs were found, so there is no symmetry to show."
        else:
            biggest = main.iloc[int(np.nanargmax(np.abs(sa)))] if np.isfinite(sa).any() else main.iloc[0]
            text = (f"Symmetry angle of {len(main)} right/left pairs (0 = symmetric, + = right larger). Largest: "
                    f"{biggest['variable']} {_f(biggest['sa_pct'], 2)} % (symmetry index {_f(biggest['si_pct'])} %). ")
            if len(flagged):
                why = [f"difference {_f(r.difference)} degrees" if r.band_unit == "deg" else f"SA {_f(r.sa_pct, 2)} %"
                       for r in flagged.itertuples()]
                text += ("Outside the healthy-runner band: "
                         + ", ".join(f"{r.variable} ({y})" for r, y in zip(flagged.itertuples(), why)) + ".")
            else:
                text += "All inside the healthy-runner band."
        style.set_live_text(self.texts["symmetry"], text)

    def _draw_model(self) -> None:
        cmp = self.comparison
        speed = float(self.controls["speed"].value)
        plain = cmp[~cmp.index.str.endswith(("_si_pct", "_sa_pct"))]
        plain = plain[np.isfinite(plain["model"]) & (plain["model"] != 0) & np.isfinite(plain["measured"])]
        names = [QUANTITY_WORDS.get(q, q) for q in plain.index]
        model = plain["model"].to_numpy(dtype=float)
        scale = 100.0 / model  # signed: the model sits at 100 even for negative quantities (peak extension)
        measured = plain["measured"].to_numpy(dtype=float) * scale
        sd = np.nan_to_num(np.abs(plain["sd"].to_numpy(dtype=float) * scale))
        ends = np.stack([plain["ref_low"].to_numpy(dtype=float) * scale,
                         plain["ref_high"].to_numpy(dtype=float) * scale])
        lo, hi = ends.min(axis=0), ends.max(axis=0)
        has_ref = np.isfinite(lo) & np.isfinite(hi)
        self._figure("model", [
            dict(y=[n for n, k in zip(names, has_ref) if k], base=lo[has_ref], x=(hi - lo)[has_ref]),
            dict(y=names, x=np.full(len(names), 100.0)),
            dict(y=names, x=measured, error_x={"type": "data", "array": sd, "visible": True}),
        ], {"height": max(300, 80 + 30 * len(names)),
            "yaxis": {"categoryorder": "array", "categoryarray": names[::-1]}})
        rows = []
        for q, r in cmp.iterrows():
            nd = 3 if q.endswith("_s") else 2 if q.endswith(("_bw", "_kg")) else 1
            ref = (f"{_f(r['ref_low'], nd)} to {_f(r['ref_high'], nd)} ({r['ref_source']})"
                   if np.isfinite(r["ref_low"]) else "–")
            rows.append([QUANTITY_WORDS.get(q, q), _sd_text(r["measured"], r["sd"], nd), _f(r["model"], nd), ref,
                         r["flag"]])
        self.tables["model"].value = _table_html(["quantity", "measured (mean ± SD)", "model", "healthy reference",
                                                  "flag"], rows, f"Measured, model and reference at {speed:.1f} m/s")
        outside = cmp[cmp["outside"]]
        runner = self.runner()
        text = self.speed_note + (
                f"Model runner: {runner.mass_kg:g} kg, {runner.height_m:g} m, {runner.sex}, at {speed:.1f} m/s, with "
                f"the model's typical (symmetric) settings. {int((cmp['flag'] == 'inside').sum())} of "
                f"{int((cmp['flag'] != 'no reference').sum())} measured values with a reference lie inside the healthy "
                f"range. ")
        if len(outside):
            text += "Outside: " + "; ".join(
                f"{QUANTITY_WORDS.get(q, q)} {_f(r['measured'], 2)} ({r['flag']} {_f(r['ref_low'], 2)} to "
                f"{_f(r['ref_high'], 2)})" for q, r in outside.iterrows()) + ". "
        big = plain.assign(gap=(plain["difference_pct"]).abs()).sort_values("gap", ascending=False)
        if len(big):
            q = big.index[0]
            text += (f"Largest difference from the model: {QUANTITY_WORDS.get(q, q)}, "
                     f"{big['difference_pct'].iloc[0]:+.0f} %.")
        if self.stats.synthetic:
            text += " (The recording is synthetic, made by the same model, so close agreement is expected.)"
        style.set_live_text(self.texts["model"], text)

    def _draw_export(self) -> None:
        text = recordings.results_csv(self.stats, self.comparison)
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        stem = str(self.recording.attrs.get("name", "recording")).replace(" ", "_")
        fname = f"runmech_results_{html.escape(stem)}.csv"
        self.export_link.value = (
            f"<a download='{fname}' href='data:text/csv;charset=utf-8;base64,{payload}' "
            f"style='font-size:16px;font-weight:bold'>⬇ download the results as CSV ({fname})</a>")
        n = text.count("\n") - 1
        style.set_live_text(self.texts["export"],
                            f"The CSV holds {n} rows: statistics, symmetry, the model comparison and every stride "
                            f"(those left out say why). Source column: {self.stats.label}.")


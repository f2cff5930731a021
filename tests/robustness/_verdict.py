"""Sort every hostile call into one of four outcomes, count them, and keep the temporary allow-list honest.

- **clear**: a ``ValueError``/``TypeError`` whose message names the parameter (for a command: exit code 2 and one
  line naming the option or the file);
- **ok**: a result, finite, within the documented range;
- **traceback**: any other exception, or an error that does not say which parameter is wrong;
- **absurd**: a value that should have been refused was accepted, or the result holds NaN/inf or a number outside
  the documented range (or beyond what any runner or session can reach, see :data:`PLAUSIBLE`).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

OUTCOMES = ("clear", "ok", "traceback", "absurd")
HERE = Path(__file__).resolve().parent
KNOWN_FINDINGS = HERE / "known_findings.txt"

# Beyond these no runner, stride or training session goes: a result past them is a bug, whatever the inputs.
# Keyed by the unit at the end of a result's name (``com_drop_m``, ``peak_vgrf_bw`` ...).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "_N_s_m": (0.0, 1e7),  # damping coefficients [N s / m] (before "_m": the name ends in a compound unit)
    "_m": (-50.0, 50.0),  # lengths and displacements of a body or a stride
    "_bw": (-50.0, 50.0),  # forces in body weights
    "_spm": (0.0, 400.0),  # cadence
    "_deg": (-3600.0, 3600.0),
    "_kg": (-1e4, 1e4),  # loads (the calculators stop at 1000 kg; a 1RM estimate may be twice that)
    "_lb": (-2.3e4, 2.3e4),
    "_Nm_kg": (-100.0, 100.0),
}
_NAN_WORD = re.compile(r"(?<![\w.])(nan|-?inf|infinity)(?![\w])", re.IGNORECASE)


@dataclass
class Finding:
    target: str  # callable or command
    param: str  # parameter, option or case; "*" when no single one is to blame
    outcome: str
    detail: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target, self.param, self.outcome)


@dataclass
class Tally:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    findings: dict[tuple[str, str, str], Finding] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    cases: dict[str, tuple[bool, str]] = field(default_factory=dict)  # named file cases of the commands

    def add(self, target: str, outcome: str, param: str = "*", detail: str = "") -> None:
        self.counts[target][outcome] += 1
        if outcome in ("traceback", "absurd"):
            f = Finding(target, param, outcome, detail)
            self.findings.setdefault(f.key, f)


TALLY = Tally()


# --- allow-list ----------------------------------------------------------------------------------------------------
@dataclass
class Allowed:
    target: str
    param: str
    outcome: str
    owner: str
    note: str
    line: int

    def matches(self, f: Finding) -> bool:
        return self.target == f.target and self.outcome == f.outcome and self.param == f.param


def allowed_findings(path: Path = KNOWN_FINDINGS) -> list[Allowed]:
    """Lines ``target | parameter | outcome | owner | note`` (``#`` starts a comment)."""
    out = []
    if not path.is_file():
        return out
    for i, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        parts = [x.strip() for x in line.split("|")]
        if len(parts) < 4 or parts[2] not in OUTCOMES:
            raise ValueError(f"{path.name}:{i}: expected 'target | parameter | outcome | owner | note' with outcome "
                             f"one of {', '.join(OUTCOMES)}; got {raw!r}")
        out.append(Allowed(parts[0], parts[1], parts[2], parts[3], parts[4] if len(parts) > 4 else "", i))
    return out


def target_exists(target: str) -> bool:
    """Whether a known_findings.txt target still names something: a ``runmech ...`` command line of the parser, or a
    dotted callable (module, then attributes) of runmech. A renamed or deleted target's line can never match again."""
    import argparse
    import importlib

    if target.startswith("runmech "):
        from runmech.apps.cli import build_parser

        parser = build_parser()
        for word in target.split()[1:]:
            subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if not subs or word not in subs[0].choices:
                return False
            parser = subs[0].choices[word]
        return True
    parts = target.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr, None)
            if obj is None:
                return False
        return True
    return False


def split_findings(findings, allowed: list[Allowed]):
    """(new findings, allow-listed findings with their line) for the given findings."""
    new, listed = [], []
    for f in findings:
        a = next((a for a in allowed if a.matches(f)), None)
        (listed if a else new).append((f, a))
    return [f for f, _ in new], listed


# --- results -------------------------------------------------------------------------------------------------------
def _unit_bounds(name: str) -> tuple[float, float] | None:
    for suffix, bounds in PLAUSIBLE.items():
        if name.endswith(suffix):
            return bounds
    return None


def walk(value: Any, path: str = "", depth: int = 0):
    """(path, leaf) for every number, array and string inside a result (dataclasses, mappings, sequences,
    pandas objects); widgets and other objects are leaves of their own and not looked into."""
    import pandas as pd

    if depth > 6:
        return
    if isinstance(value, (str, bool, int, float, np.number, np.bool_)) or value is None:
        yield path, value
    elif isinstance(value, np.ndarray):
        yield path, value
    elif isinstance(value, pd.DataFrame):
        for col in value.columns:
            yield from walk(value[col], f"{path}[{col}]", depth + 1)
    elif isinstance(value, pd.Series):
        if value.dtype.kind in "iufb":
            if value.index.dtype == object:
                for key, v in value.items():
                    yield f"{path}[{key}]", v
            else:
                yield path, value.to_numpy()
        else:
            for key, v in list(value.items())[:200]:
                yield from walk(v, f"{path}[{key}]", depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name), f"{path}.{f.name}", depth + 1)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, f"{path}[{k}]", depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:200]):
            yield from walk(v, f"{path}[{i}]", depth + 1)
    elif type(value).__module__.startswith(("ipywidgets", "runmech.ui")):  # what a widget shows on screen
        text = getattr(value, "value", None)
        if isinstance(text, str):
            yield f"{path}.value", text
        for i, child in enumerate(getattr(value, "children", ()) or ()):
            yield from walk(child, f"{path}.children[{i}]", depth + 1)


def _leaf_name(path: str) -> str:
    m = re.search(r"[.\[]([A-Za-z_]\w*)\]?$", path)
    return m.group(1) if m else ""


def nan_paths(result: Any) -> set[str]:
    """Paths of a result that hold NaN (a valid call's result may: missing cells of a data table)."""
    out = set()
    for path, leaf in walk(result):
        if isinstance(leaf, np.ndarray) and leaf.dtype.kind == "f" and np.isnan(leaf).any():
            out.add(path)
        elif isinstance(leaf, (float, np.floating)) and math.isnan(leaf):
            out.add(path)
        elif isinstance(leaf, str) and _NAN_WORD.search(leaf):
            out.add(path)
    return out


def absurd_result(result: Any, allowed_nan: set[str], returns_range=(None, None), returns_names=(),
                  gaps_are_data: bool = False) -> str:
    """Why a result is absurd ('' when it is not): NaN/inf, or a number outside its range.

    With ``gaps_are_data`` (a recording), NaN in a table column is a gap in the measurement, not an absurd value.
    """
    if isinstance(result, tuple) and returns_names and len(returns_names) == len(result):
        result = dict(zip(returns_names, result))
    lo, hi = returns_range
    for path, leaf in walk(result):
        if isinstance(leaf, (bool, np.bool_)) or leaf is None:
            continue
        if isinstance(leaf, str):
            m = _NAN_WORD.search(leaf)
            if m and path not in allowed_nan:
                start = max(m.start() - 40, 0)
                return f"text{path} shows {m.group(0)!r}: ...{leaf[start:m.end() + 40]!r}"
            continue
        arr = leaf if isinstance(leaf, np.ndarray) else None
        if arr is None and isinstance(leaf, (int, float, np.number)):
            if isinstance(leaf, int) and abs(leaf) > 1e308:
                return f"result{path} = a {len(str(abs(leaf)))}-digit integer"
            arr = np.asarray(float(leaf))
        if arr is None or arr.dtype.kind not in "iuf":
            continue
        arr = arr.astype(float)
        if arr.size and not np.all(np.isfinite(arr)) and path not in allowed_nan:
            bad = arr[~np.isfinite(arr)].ravel()[0]
            if not (np.isnan(bad) and gaps_are_data and path.startswith("[")):
                return f"result{path} holds {bad!r}"
        finite = arr[np.isfinite(arr)]
        if not finite.size:
            continue
        if path == "" and ((lo is not None and finite.min() < lo) or (hi is not None and finite.max() > hi)):
            return f"result {finite.min():g}..{finite.max():g} outside the documented {lo}..{hi}"
        bounds = _unit_bounds(_leaf_name(path))
        if bounds and (finite.min() < bounds[0] or finite.max() > bounds[1]):
            return f"result{path} = {finite.min():g}..{finite.max():g}, beyond {bounds[0]:g}..{bounds[1]:g}"
    return ""


def names_param(message: str, names) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message) for n in names if n)


def short(value: Any, limit: int = 60) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 12] + f"...({len(text)} chars)"


# --- the report ----------------------------------------------------------------------------------------------------
def table(counts: dict[str, Counter], title: str) -> list[str]:
    width = max([len(k) for k in counts] + [len(title)])
    lines = [f"{title:<{width}}  " + "  ".join(f"{o:>9}" for o in OUTCOMES)]
    total = Counter()
    for name in sorted(counts):
        c = counts[name]
        total.update(c)
        lines.append(f"{name:<{width}}  " + "  ".join(f"{c[o]:>9}" for o in OUTCOMES))
    lines.append(f"{'total':<{width}}  " + "  ".join(f"{total[o]:>9}" for o in OUTCOMES))
    return lines


def save(path: Path, tally: Tally) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "counts": {k: dict(v) for k, v in sorted(tally.counts.items())},
        "findings": [dataclasses.asdict(f) for f in tally.findings.values()],
        "skipped": tally.skipped,
        "cases": {k: {"passed": v[0], "detail": v[1]} for k, v in tally.cases.items()},
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")

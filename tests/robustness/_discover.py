"""Find every public callable of runmech and read what its docstring promises about each parameter.

Nothing here is a list of functions: the walk goes through every module of the package and its ``__all__``, the
public classes found there and their public methods, so a function added later is fuzzed without anyone touching
the suite. What each parameter is (a number, a whole number, an array, one of a few words, a flag, free text, a
path, a runmech object) and its documented range are read from the numpy-style docstring (rule 7 of the house),
with the annotation and the unit in the name as fall-backs.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import runmech

SRC = Path(runmech.__file__).resolve().parent

# Entry points that parse a command line or start a server: the command suite (test_commands.py) drives them
# through ``runmech ...`` command lines instead of Python values.
COMMAND_ENTRY_POINTS = {
    "runmech.apps.cli.main": "the runmech command itself: driven by test_commands.py",
    "runmech.apps.cli.build_parser": "builds the command line parser: every sub-command it builds is driven by "
                                     "test_commands.py",
    "runmech.apps.servers.main": "python -m runmech.apps.servers: starts Voila (test_servers.py starts it)",
}
# Parameters named like this take an argparse namespace or sub-parsers: command plumbing, driven by the commands.
COMMAND_PLUMBING_PARAMS = {"args", "subparsers"}


@dataclass
class Param:
    """What a parameter takes, as the docstring (or the annotation, or the name) says."""

    name: str
    kind: str  # number | int | array | choice | bool | text | path | object | any
    optional: bool = False  # None is a documented value
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] | None = None  # for "choice"; None = not listed (only the default is known good)
    cls: type | None = None  # for "object"
    scalar_ok: bool = True  # for "array": a single number is accepted too
    has_default: bool = False
    default: Any = None
    var: str = ""  # "*" or "**" for *args / **kwargs
    doc_type: str = ""

    def out_of_range(self, value: Any) -> bool:
        """Whether ``value`` (a number, or an array of numbers) lies outside the documented range."""
        import numpy as np

        if self.low is None and self.high is None:
            return False
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError, OverflowError):
            return False
        if arr.size == 0 or not np.all(np.isfinite(arr)):
            return False
        lo_bad = self.low is not None and bool(np.any(arr <= self.low if self.low_open else arr < self.low))
        hi_bad = self.high is not None and bool(np.any(arr > self.high))
        return lo_bad or hi_bad


@dataclass
class Target:
    """One public callable: a function, a class (its constructor) or a public method of a public class."""

    qualname: str
    obj: Callable
    module: str
    owner: type | None = None  # the class, for methods
    how: str = "function"  # function | class | method | classmethod | staticmethod
    params: list[Param] = field(default_factory=list)
    returns_range: tuple[float | None, float | None] = (None, None)
    returns_names: tuple[str, ...] = ()
    doc: str = ""

    @property
    def layer(self) -> str:
        parts = self.module.split(".")
        return parts[1] if len(parts) > 2 else parts[-1]


# --- docstring sections ------------------------------------------------------------------------------------------
def sections(doc: str) -> dict[str, list[str]]:
    """numpy-style sections of a docstring: {"Parameters": [lines], ...}."""
    lines = (doc or "").splitlines()
    out: dict[str, list[str]] = {}
    current = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() and i + 1 < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1]):
            current = line.strip()
            out[current] = []
            i += 2
            continue
        if current:
            out[current].append(line)
        i += 1
    return out


def entries(lines: list[str]) -> dict[str, tuple[str, str]]:
    """``name : type`` entries of a Parameters/Attributes section -> {name: (type, description)}."""
    found: dict[str, tuple[str, str]] = {}
    names: list[str] = []
    typ, desc = "", []

    def flush():
        text = " ".join(desc)
        found_ranges = ranges(text)
        for i, n in enumerate(names):
            if len(names) > 1 and len(found_ranges) == len(names):  # "a, b : float  A 1 to 2, B 3 to 4"
                lo, hi = found_ranges[i]
                found[n] = (typ, f"{_fmt(lo)} to {_fmt(hi)}")
            elif len(names) > 1 and len(found_ranges) > 1:  # ranges that cannot be told apart: none assumed
                found[n] = (typ, "")
            else:
                found[n] = (typ, text)

    for line in lines:
        if not line.strip():
            continue
        if not line.startswith((" ", "\t")):
            flush()
            head, _, typ = line.partition(" : ")
            if not _ and ":" in line and not line.strip().endswith(":"):
                head, _, typ = line.partition(":")
            names = [n.strip().lstrip("*") for n in head.split(",") if n.strip()]
            typ, desc = typ.strip(), []
        else:
            desc.append(line.strip())
    flush()
    return found


def _fmt(x: float) -> str:
    return repr(x)


_NUM = r"[-−]?\d+(?:[ ,]\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?"


def _num(text: str) -> float:
    return float(text.replace("−", "-").replace(" ", "").replace(",", ""))


_RANGE = re.compile(rf"(?<![\w.])({_NUM})\s*(?:\[[^\]]*\]\s*)?(?:\([^)]*\)\s*)?to\s+({_NUM})(?!\w)(?!\.\d)")


def ranges(text: str) -> list[tuple[float, float]]:
    """Every ``X to Y`` of a description, in order (``default 1 to 2`` is a default, not a range: left out)."""
    t = text.replace("\u2212", "-")
    return [(_num(m.group(1)), _num(m.group(2))) for m in _RANGE.finditer(t)
            if not re.search(r"default\s*(?:is\s*)?$", t[:m.start()].rstrip(" (:="))]


def documented_range(text: str) -> tuple[float | None, float | None, bool]:
    """(low, high, low_open) from words like ``20 to 250``, ``above 0 and at most 1000``, ``at least 1``."""
    t = text.replace("\u2212", "-")
    found = ranges(t)
    if found:
        return found[0][0], found[0][1], False
    low = high = None
    low_open = False
    if m := re.search(rf"\babove\s+({_NUM})", t):
        low, low_open = _num(m.group(1)), True
    elif m := re.search(rf"\bat least\s+({_NUM})", t):
        low = _num(m.group(1))
    if m := re.search(rf"\bat most\s+({_NUM})", t):
        high = _num(m.group(1))
    return low, high, low_open


_UNIT_SUFFIXES = ("_m_s", "_kg", "_lb", "_s", "_m", "_cm", "_mm", "_pct", "_deg", "_rad", "_bw", "_spm", "_hz",
                  "_mb", "_N", "_Nm_kg", "_g", "_ms", "_scale", "_fraction")


def _classes_by_name() -> dict[str, type]:
    found: dict[str, type] = {}
    for mod in modules():
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name, None)
            if inspect.isclass(obj):
                found.setdefault(obj.__name__, obj)
    import pandas as pd

    found.update({"DataFrame": pd.DataFrame, "Series": pd.Series})
    return found


def kind_of(name: str, doc_type: str, annotation: Any, default: Any, has_default: bool) -> Param:
    """Infer a parameter's kind from its docstring type, else its annotation, else its name."""
    t = (doc_type or "").strip()
    ann = "" if annotation is inspect.Parameter.empty else str(annotation)
    text = t or ann
    low_text = text.lower()
    optional = bool(re.search(r"\bnone\b|\boptional\b", low_text)) or (has_default and default is None)
    p = Param(name=name, kind="any", optional=optional, has_default=has_default, default=default, doc_type=text)
    classes = _classes_by_name()
    if "{" in text:
        p.kind = "choice"
        p.choices = tuple(re.findall(r"['\"]([^'\"]+)['\"]", text.split("}")[0]))
        return p
    if name == "unit" or name.endswith("_unit") or name in {"units", "method", "direction", "per", "side", "sex"}:
        p.kind = "choice"
        return p
    if re.search(r"\b(dict|mapping)\b", low_text) and not re.search(r"\bor (str|none)\b", low_text.split("dict")[0]):
        return p  # a mapping: "any"
    if re.search(r"(sequence|list|tuple|iterable)\[(int|float)", low_text):
        p.kind, p.scalar_ok = "array", False
        return p
    if re.search(r"list\[str|sequence\[str|iterable|(list|sequence|tuple) of (str|column|name)", low_text):
        return p  # a collection of names: "any" (only tracebacks and NaN results are looked for)
    if re.search(r"\bpath\b|pathlike|os\.pathlike", low_text) or name in {"path", "folder", "start", "root"}:
        p.kind = "path"
        return p
    if re.search(r"\btuple of (numpy\.)?(ndarray|arrays?)\b", low_text):
        return p  # a tuple of arrays (an angle with its derivatives), not one array: "any"
    if (m := re.search(r"\b(?:list|sequence|tuple)(?:\[| of )\s*([\w.]+)", text)) and m.group(1).split(".")[-1] in classes:
        return p  # a collection of runmech objects (``list of PlanItem``), not one: "any"
    if re.search(r"\bbytes\b", low_text) and re.search(r"\bstr\b", low_text):
        return p  # text or the bytes of a file (``str | bytes``): "any" (only tracebacks and NaN results are looked for)
    words = re.findall(r"[A-Za-z_][\w.]*", text)
    for w in words:
        cls = classes.get(w.split(".")[-1])
        if cls is not None and w not in {"float", "int", "str", "bool"}:
            p.kind, p.cls = "object", cls
            return p
    if re.search(r"array|sequence of (float|int|number)|list of (float|int|number)|array_like", low_text):
        p.kind = "array"
        p.scalar_ok = bool(re.search(r"\bfloat\b|\bnumber\b", low_text.split("array")[0])) or "or" in low_text
        return p
    if re.search(r"\bbool\b", low_text) and not re.search(r"\bfloat\b|\bint\b", low_text):
        p.kind = "bool"
        return p
    if re.search(r"\bint\b", low_text) and not re.search(r"\bfloat\b", low_text):
        p.kind = "int"
        return p
    if re.search(r"\bfloat\b|\bnumber\b", low_text):
        p.kind = "number"
        return p
    if re.search(r"\bstr\b", low_text):
        p.kind = "text"
        return p
    if not text and name.endswith(_UNIT_SUFFIXES):
        p.kind = "number"
    return p


# --- the walk ----------------------------------------------------------------------------------------------------
def modules() -> list:
    """Every public module of runmech (no part of the dotted name starts with ``_``), imported."""
    names = ["runmech"] + sorted(
        m.name for m in pkgutil.walk_packages(runmech.__path__, prefix="runmech.")
        if not any(part.startswith("_") for part in m.name.split(".")[1:])
    )
    return [importlib.import_module(n) for n in names]


def _defined_in_runmech(func) -> bool:
    code = getattr(func, "__code__", None)
    return bool(code) and Path(code.co_filename).resolve().is_relative_to(SRC)


def _is_jupyter_plugin(cls: type) -> bool:
    return any(c.__module__.startswith("traitlets") for c in cls.__mro__[1:])


def _is_input_class(cls: type) -> bool:
    """A class whose constructor takes what a user types: it documents Parameters, or runs its own checks.

    Plain result records (a dataclass with only the generated ``__init__`` and an Attributes section, such as
    ``Timing`` or ``Recommendation``) are built by runmech from checked inputs and are not an input edge.
    """
    if "Parameters" in sections(inspect.getdoc(cls) or ""):
        return True
    return "__post_init__" in vars(cls) or _defined_in_runmech(vars(cls).get("__init__"))


def _params(target: Target, func, doc: str) -> list[Param]:
    sec = sections(doc)
    documented = {**entries(sec.get("Attributes", [])), **entries(sec.get("Parameters", []))}
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    out = []
    for i, (name, prm) in enumerate(sig.parameters.items()):
        if target.how in ("method", "classmethod") and i == 0:
            continue  # self / cls
        typ, desc = documented.get(name, ("", ""))
        has_default = prm.default is not inspect.Parameter.empty
        p = kind_of(name, typ, prm.annotation, prm.default if has_default else None, has_default)
        if prm.kind is inspect.Parameter.VAR_POSITIONAL:
            p.var = "*"
        elif prm.kind is inspect.Parameter.VAR_KEYWORD:
            p.var = "**"
        if p.kind in ("number", "int", "array"):
            p.low, p.high, p.low_open = documented_range(desc)
        out.append(p)
    return out


def _returns(doc: str) -> tuple[tuple[float | None, float | None], tuple[str, ...]]:
    lines = sections(doc).get("Returns", [])
    text = " ".join(line.strip() for line in lines)
    names: tuple[str, ...] = ()
    m = re.search(r"``\(([^)]*)\)``", text)
    if m and lines and lines[0].strip().startswith("tuple"):
        names = tuple(n.strip() for n in m.group(1).split(",") if n.strip().isidentifier())
    low, high, _ = documented_range(text) if len([ln for ln in lines if ln and not ln[0].isspace()]) == 1 else (
        None, None, False)
    return (low, high), names


def _target(qualname: str, obj, module: str, owner=None, how="function") -> Target:
    func = obj.__func__ if isinstance(obj, (classmethod, staticmethod)) else obj
    doc = inspect.getdoc(func) or ""
    t = Target(qualname=qualname, obj=func, module=module, owner=owner, how=how, doc=doc)
    if how == "class":
        init = func.__init__
        t.params = _params(Target(qualname, init, module, how="method"), init, doc)
    else:
        t.params = _params(t, func, doc)
    t.returns_range, t.returns_names = _returns(doc)
    return t


def _is_panel_part(cls) -> bool:
    """A view (ui.base.View) or animation (ui.base.AnimatedPanel) class: it takes a model run from its panel."""
    from runmech.ui.base import AnimatedPanel, View

    return issubclass(cls, (View, AnimatedPanel))


def targets() -> tuple[list[Target], dict[str, str]]:
    """Every public callable and, apart, the ones not fuzzed with Python values and why."""
    found: dict[str, Target] = {}
    skipped: dict[str, str] = {}
    for mod in modules():
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name, None)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            home = getattr(obj, "__module__", mod.__name__) or mod.__name__
            if not home.startswith("runmech"):
                continue
            qual = f"{home}.{obj.__qualname__}"
            if qual in found or qual in skipped:
                continue
            if qual in COMMAND_ENTRY_POINTS:
                skipped[qual] = COMMAND_ENTRY_POINTS[qual]
                continue
            if inspect.isclass(obj):
                if _is_panel_part(obj):
                    skipped[qual] = "a view or animation inside a panel: built by its panel function from checked " \
                                    "controls (the panel functions are fuzzed) and driven by the region and browser tests"
                    continue
                if issubclass(obj, BaseException):
                    skipped[qual] = "an exception or warning type: raised by runmech, not called with user input"
                    continue
                if _is_input_class(obj):
                    found[qual] = _target(qual, obj, home, how="class")
                else:
                    skipped[qual] = "a result record built by runmech from checked inputs (no Parameters section, " \
                                    "no checks of its own): its public methods are fuzzed"
                if _is_jupyter_plugin(obj):
                    skipped[qual] = "a Jupyter Server plugin (a traitlets Configurable): configured by traitlets and " \
                                    "driven by the server, which test_servers.py starts"
                    continue
                for mname, member in vars(obj).items():
                    if mname.startswith("_"):
                        continue
                    if inspect.iscoroutinefunction(getattr(member, "__func__", member)):
                        skipped[f"{qual}.{mname}"] = "a coroutine, awaited by the server"
                        continue
                    how = ("classmethod" if isinstance(member, classmethod) else
                           "staticmethod" if isinstance(member, staticmethod) else
                           "method" if inspect.isfunction(member) else None)
                    if how:
                        mq = f"{qual}.{mname}"
                        found[mq] = _target(mq, member, home, owner=obj, how=how)
                continue
            t = _target(qual, obj, home)
            plumbing = [p.name for p in t.params if p.name in COMMAND_PLUMBING_PARAMS]
            if plumbing:
                skipped[qual] = f"takes {plumbing[0]!r} (argparse plumbing): driven through the runmech command " \
                                "by test_commands.py"
                continue
            found[qual] = t
    return sorted(found.values(), key=lambda t: t.qualname), skipped

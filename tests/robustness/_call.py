"""Call one public callable with given values and judge what came back (see :mod:`_verdict` for the outcomes)."""

from __future__ import annotations

import contextlib
import inspect
import io
import signal
import warnings
from pathlib import PurePath
from typing import Any

from _discover import Param, Target
from _inputs import instance, must_refuse, valid_value
from _verdict import absurd_result, names_param, short

# Command-line helpers name the option the user typed, not their Python parameter
ALIASES = {
    "runmech.apps.dose.parse_reps": {"text": "--reps"},
    "runmech.apps.dose.parse_loads": {"text": "--dumbbells"},
}
CALL_TIMEOUT_S = 5.0  # a call that has not answered by then hangs on its input: a finding of its own


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"no answer within {CALL_TIMEOUT_S:g} s")


def baseline(t: Target) -> dict[str, Any]:
    """Valid values for the parameters that need one (required ones and the suite's own picks)."""
    from _inputs import picks

    chosen = picks(t)
    return {p.name: valid_value(t, p) for p in t.params
            if not p.var and (not p.has_default or p.name in chosen)} | (
        {p.name: chosen[p.name]() for p in t.params if p.var and p.name in chosen})


def invoke(t: Target, values: dict[str, Any], extra_kwargs: dict[str, Any] | None = None) -> Any:
    """Call ``t`` with ``values`` by name (positional-only and ``*args`` by position)."""
    if t.how == "method":
        func = getattr(instance(t), t.obj.__name__)
    elif t.how in ("classmethod", "staticmethod"):
        func = getattr(t.owner, t.obj.__name__)
    else:
        func = t.obj
    args, kwargs = [], {}
    sig_params = {p.name: p for p in t.params}
    for name, value in values.items():
        p = sig_params[name]
        if p.var == "*":
            args.append(value)
        elif p.var == "**":
            kwargs.update(value)
        else:
            kwargs[name] = value
    kwargs.update(extra_kwargs or {})
    positional_only = [n for n, prm in _signature(func).items() if prm.kind is inspect.Parameter.POSITIONAL_ONLY]
    lead = [kwargs.pop(n) for n in positional_only if n in kwargs]
    return func(*lead, *args, **kwargs)


def _signature(func) -> dict:
    try:
        return dict(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return {}


def run(t: Target, values: dict[str, Any], extra_kwargs: dict[str, Any] | None = None):
    """(result, exception) of one call, with warnings and printed output kept off the terminal."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CALL_TIMEOUT_S)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return invoke(t, values, extra_kwargs), None
    except Exception as exc:  # noqa: BLE001 - every exception is judged
        return None, exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def judge(t: Target, fuzzed: dict[str, Any], result: Any, exc: BaseException | None, nan_ok: set[str],
          extra_names: tuple[str, ...] = (), values: dict[str, Any] | None = None) -> tuple[str, str, str]:
    """(outcome, blamed parameter or "*", detail) of a call that fuzzed the parameters in ``fuzzed``.

    ``values`` are all the call's values: a checker that takes the parameter's label as ``name`` (``check_date(name,
    value)``) may name the value by that label.
    """
    params = {p.name: p for p in t.params}
    wrong = [n for n, v in fuzzed.items() if n in params and (must_refuse(params[n], v)
                                                              or params[n].out_of_range(v))]
    wrong += list(extra_names)
    blamed = wrong[0] if wrong else (next(iter(fuzzed)) if len(fuzzed) == 1 else "*")
    shown = ", ".join(f"{n}={short(v)}" for n, v in fuzzed.items()) + "".join(f", {n}=..." for n in extra_names)
    if exc is not None:
        msg = str(exc)
        # one parameter fuzzed with a wrong value: the message must name that one; otherwise any of the call's
        names = wrong if (len(fuzzed) == 1 and wrong) else list(params) + wrong
        names = [ALIASES.get(t.qualname, {}).get(n, n) for n in names] + names
        label = (values or {}).get("name")
        if isinstance(label, str) and label.strip():
            names.append(label)
        paths = [str(v) for n, v in fuzzed.items() if n in params and params[n].kind == "path"
                 and isinstance(v, (str, PurePath)) and str(v)]
        if isinstance(exc, (ValueError, TypeError)):
            if names_param(msg, names + paths):
                return "clear", blamed, ""
            return "traceback", blamed, f"{shown}: {type(exc).__name__} not naming {'/'.join(names[:3])}: " \
                                        f"{short(msg, 160)}"
        if isinstance(exc, OSError) and names_param(msg, names + paths):
            return "clear", blamed, ""
        return "traceback", blamed, f"{shown}: {type(exc).__name__}: {short(msg, 160)}"
    for n in wrong:
        if n in extra_names:
            return "absurd", n, f"{shown}: the unknown keyword {n!r} was accepted"
        p: Param = params[n]
        v = fuzzed[n]
        if must_refuse(p, v):
            return "absurd", n, f"{shown}: accepted {short(v)} for {n} ({p.kind}{', optional' if p.optional else ''})"
        return "absurd", n, f"{shown}: accepted {short(v)} for {n}, outside the documented {p.low}..{p.high}"
    why = absurd_result(result, nan_ok, t.returns_range, t.returns_names, gaps_are_data=t.layer == "recordings")
    if why:
        return "absurd", blamed, f"{shown}: {why}"
    return "ok", blamed, ""

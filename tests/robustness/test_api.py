"""Every public callable of runmech, called with hostile values: a clear error or a sound result, nothing else.

The callables are found by walking runmech's modules and their ``__all__`` (:mod:`_discover`), so a function added
later is fuzzed too. Each parameter in turn gets every value of the fixed hostile list (:data:`_inputs.HOSTILE`;
the panels, which build widgets and figures, one value of each kind) while the others stay valid; then Hypothesis (seeded, ``derandomize=True``) draws all parameters at once, mostly
around their documented ranges. Every call is sorted into clear / ok / traceback / absurd (:mod:`_verdict`), the
counts are printed at the end of the run, and a traceback or an absurd result fails the test unless
``known_findings.txt`` lists it (printed loudly).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _call import baseline, judge, run
from _discover import targets
from _inputs import KEEP_VALID, NoValidValue, apply_overrides, hostile_for, strategy, valid_value
from _verdict import TALLY, allowed_findings, nan_paths, short, split_findings

TARGETS, SKIPPED = targets()
TALLY.skipped.update(SKIPPED)
# Hypothesis draws per callable: the panels build widgets and figures (about 0.1 s a call), so they get fewer
EXAMPLES = {"ui": 4, "recordings": 12}
DEFAULT_EXAMPLES = 25


def _fuzzed(t):
    return [p for p in t.params if p.name not in KEEP_VALID.get(t.qualname, {})]


def _fuzz_one(t, base, nan_ok):
    for p in _fuzzed(t):
        if p.var == "**":
            continue
        for _label, value in hostile_for(t.layer):
            values = dict(base)
            values[p.name] = value
            result, exc = run(t, values)
            outcome, blamed, detail = judge(t, {p.name: value}, result, exc, nan_ok, values=values)
            TALLY.add(t.qualname, outcome, blamed, detail)
            if p.kind == "array" and p.scalar_ok and isinstance(exc, ValueError) and isinstance(value, (int, float)):
                _same_as_an_array(t, base, p, value, nan_ok)


def _same_as_an_array(t, base, p, value, nan_ok):
    """A number refused on its own must be refused inside an array too (arrays are checked like numbers)."""
    as_array = np.array([value], dtype=float) if abs(value) < 1e308 else np.array([np.inf])
    result, exc = run(t, {**base, p.name: as_array})
    if exc is None:
        TALLY.add(t.qualname, "absurd", p.name, f"{p.name}={value!r} is refused as a number but "
                                                f"{p.name}=array([{value!r}]) is accepted")
    else:
        outcome, blamed, detail = judge(t, {p.name: as_array}, result, exc, nan_ok)
        TALLY.add(t.qualname, outcome, blamed, detail)
    if any(p.var == "**" for p in t.params):  # an unknown keyword must be refused by name
        result, exc = run(t, dict(base), {"stone": 1})
        outcome, blamed, detail = judge(t, {}, result, exc, nan_ok, extra_names=("stone",))
        TALLY.add(t.qualname, outcome, blamed, detail)


def _fuzz_jointly(t, base, nan_ok):
    fuzzable = [p for p in _fuzzed(t) if not p.var]
    if not fuzzable:
        return
    draws = st.fixed_dictionaries({p.name: strategy(t, p) for p in fuzzable})

    @settings(max_examples=EXAMPLES.get(t.layer, DEFAULT_EXAMPLES), derandomize=True, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(draws)
    def draw(values):
        result, exc = run(t, {**base, **values})
        outcome, blamed, detail = judge(t, values, result, exc, nan_ok, values={**base, **values})
        TALLY.add(t.qualname, outcome, blamed, detail)

    draw()


@pytest.mark.parametrize("t", TARGETS, ids=[t.qualname for t in TARGETS])
def test_hostile_values_get_a_clear_error_or_a_sound_result(t):
    apply_overrides(t)
    try:
        base = baseline(t)
    except NoValidValue as err:
        pytest.fail(str(err))
    for name in KEEP_VALID.get(t.qualname, {}):  # kept valid: given explicitly, never left to its default
        base[name] = valid_value(t, next(p for p in t.params if p.name == name))
    result, exc = run(t, base)
    if exc is not None:  # a bug, or a valid value the suite got wrong: either way nothing more can be tried
        TALLY.add(t.qualname, "traceback", "(valid call)",
                  f"the valid call {t.qualname}({', '.join(f'{k}={short(v)}' for k, v in base.items())}) raised "
                  f"{type(exc).__name__}: {exc} (if the value is wrong, fix it in tests/robustness/_inputs.py)")
    else:
        nan_ok = nan_paths(result)
        outcome, blamed, detail = judge(t, {}, result, None, nan_ok)
        TALLY.add(t.qualname, outcome, blamed, "the valid call: " + detail)
        _fuzz_one(t, base, nan_ok)
        _fuzz_jointly(t, base, nan_ok)
    mine = [f for f in TALLY.findings.values() if f.target == t.qualname]
    new, _listed = split_findings(mine, allowed_findings())
    assert not new, f"{len(new)} finding(s) for {t.qualname}:\n" + "\n".join(
        f"  {f.outcome:9} {f.param}: {f.detail}" for f in new)


def test_the_walk_finds_the_public_surface():
    names = {t.qualname for t in TARGETS}
    for expected in ("model.compose.simulate", "model.ground.spring_mass", ".format_load", "plan.Plan", "plan.Plan.add",
                     "units.to_kg", "model.compose.SimParams", "model.body.Runner", "apps.lab.check_port"):
        assert any(n.endswith(expected) for n in names), expected
    assert len(TARGETS) >= 150


def test_every_allow_listed_line_names_an_existing_target():
    """A known_findings.txt line whose callable or command was renamed or removed can never match again: delete it."""
    from _verdict import target_exists

    gone = [f"line {a.line}: {a.target}" for a in allowed_findings() if not target_exists(a.target)]
    assert not gone, "known_findings.txt names targets that no longer exist:\n" + "\n".join(gone)

"""Print the robustness counts at the end of the run, and every allow-listed finding, loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from _inputs import workdir
from _verdict import TALLY, allowed_findings, save, split_findings, table, target_exists

ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "robustness" / "outcomes.json"


@pytest.fixture(autouse=True)
def _in_scratch_folder(monkeypatch):
    """Relative paths a fuzzed call writes land in a scratch folder, never in the checkout."""
    monkeypatch.chdir(workdir())


CHECKOUT = Path(__file__).resolve().parents[2]
WATCHED = ("src", "data", "notebooks")


def _snapshot() -> dict[str, tuple[int, int]]:
    out = {}
    for top in WATCHED:
        for path in (CHECKOUT / top).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(".log"):
                st = path.stat()
                out[str(path.relative_to(CHECKOUT))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="session", autouse=True)
def _checkout_untouched():
    """Fail the run if any fuzzed call wrote into src/, data/ or notebooks/ (OpenSim's own .log files aside)."""
    before = _snapshot()
    yield
    after = _snapshot()
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"the robustness suite changed files of the checkout: {changed[:10]}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TALLY.counts:
        return
    tr = terminalreporter
    api = {k: v for k, v in TALLY.counts.items() if not k.startswith("runmech ")}
    commands = {k: v for k, v in TALLY.counts.items() if k.startswith("runmech ")}
    tr.section("robustness: outcomes per public callable")
    for line in table(api, "callable"):
        tr.write_line(line)
    if commands:
        tr.section("robustness: outcomes per command")
        for line in table(commands, "command"):
            tr.write_line(line)
    if TALLY.cases:
        tr.section("robustness: named file cases of the commands")
        for name, (passed, detail) in TALLY.cases.items():
            tr.write_line(f"{'pass' if passed else 'FAIL'}  {name}" + (f"   ({detail})" if detail else ""))
    if TALLY.skipped:
        tr.section("robustness: public callables not fuzzed with Python values")
        for name, why in sorted(TALLY.skipped.items()):
            tr.write_line(f"{name}: {why}")
    allowed = allowed_findings()
    new, listed = split_findings(TALLY.findings.values(), allowed)
    if listed:
        tr.section(f"ALLOW-LISTED FINDINGS ({len(listed)}): still tracebacks or absurd results, see known_findings.txt",
                   red=True, bold=True)
        for f, a in listed:
            tr.write_line(f"!! {f.target} | {f.param} | {f.outcome} | owner {a.owner} | {f.detail}", red=True)
    seen = {a.line for _, a in listed}
    stale = [a for a in allowed if a.line not in seen and any(a.target == k for k in TALLY.counts)]
    if stale:
        tr.section("known_findings.txt lines that no longer occur: delete them", yellow=True, bold=True)
        for a in stale:
            tr.write_line(f"line {a.line}: {a.target} | {a.param} | {a.outcome} | {a.owner}", yellow=True)
    gone = [a for a in allowed if not target_exists(a.target)]
    if gone:
        tr.section("known_findings.txt lines whose target no longer exists (renamed or removed): delete them",
                   yellow=True, bold=True)
        for a in gone:
            tr.write_line(f"line {a.line}: {a.target} | {a.param} | {a.outcome} | {a.owner}", yellow=True)
    if new:
        tr.section(f"NEW FINDINGS ({len(new)})", red=True, bold=True)
        for f in new:
            tr.write_line(f"{f.target} | {f.param} | {f.outcome} | {f.detail}", red=True)
    save(ARTIFACT, TALLY)
    tr.write_line(f"robustness counts saved to {ARTIFACT}")

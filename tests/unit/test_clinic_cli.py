"""Clinic mode without a browser: the ``runmech clinic`` command, the Voila options and the offline template."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from runmech.apps import servers as clinic
from runmech.apps.clinic import dashboard_urls, dashboards

ROOT = Path(__file__).resolve().parents[2]
CLINIC_NB = ROOT / "notebooks" / "clinic"
TEMPLATE = clinic.template_root() / "voila" / "templates" / "runmech"


def _runmech(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "runmech.apps.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_busy_port_is_refused_with_the_fix():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        if port < 1024 or port > 65534:
            pytest.skip(f"the system gave port {port}")
        res = _runmech("clinic", "--port", str(port))
    assert res.returncode == 2, res
    msg = res.stderr.strip()
    assert len(msg.splitlines()) == 1 and "Traceback" not in msg, msg
    assert f"port {port} on 127.0.0.1 is busy" in msg
    assert f"--port {port + 1}" in msg and f"make clinic CLINIC_PORT={port + 1}" in msg


def test_unknown_dashboard_and_bad_port_are_one_line_errors():
    res = _runmech("clinic", "--open", "knees")
    assert res.returncode == 2
    assert "--open must be one of torso, hips, lower_leg" in res.stderr and "'knees'" in res.stderr
    res = _runmech("clinic", "--port", "80")
    assert res.returncode == 2
    assert "--port must be a whole number from 1024 to 65535; got 80" in res.stderr


def test_help_names_the_options():
    res = _runmech("clinic", "--help")
    assert res.returncode == 0
    out = " ".join(res.stdout.split())
    assert "--port" in out and "--open DASHBOARD" in out and "not medical advice" in out


def test_dashboards_and_their_addresses():
    names = dashboards()
    assert names[:4] == ["torso", "hips", "lower_leg", "dosing"]
    urls = dashboard_urls(8866, names)
    assert urls[""] == "http://127.0.0.1:8866/"
    assert all(u.startswith("http://127.0.0.1:8866/") for u in urls.values())


def test_clinic_runs_plain_voila_on_loopback():
    cmd = clinic.voila_command("notebooks/clinic", 8866)
    assert cmd[1:3] == ["-m", "voila"] and "--Voila.ip=127.0.0.1" in cmd and "--port=8866" in cmd
    # nothing else on the command line: the rest is the installed configuration, the same for plain voila
    assert not [a for a in cmd if a.startswith(("--VoilaConfiguration", "--MappingKernelManager"))], cmd


def test_template_pages_link_nothing_outside():
    # index.html.j2 names Voila's CDN style sheets only to remove them; the other pages must not link any address
    for name in ("page.html", "tree.html", "503.html", "error.html"):
        text = (TEMPLATE / name).read_text()
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), f"{name} links an outside address"
    index = (TEMPLATE / "index.html.j2").read_text()
    outside = set(re.findall(r"https?://[^\s'\"]+", index))
    assert outside and all("fontawesome" in u for u in outside), outside


def test_plotly_bundle_is_there_to_be_served():
    assert clinic.plotly_bundle().is_file()
    assert clinic.plotly_bundle().stat().st_size > 1_000_000


def test_figures_import_the_served_bundle_in_clinic_mode(monkeypatch):
    from runmech.ui import style

    assert len(style.figure()._esm) > 1_000_000  # lab mode: plotly's own widget, bundle inline
    monkeypatch.setenv(clinic.ESM_URL_ENV, "/voila/labextensions/widgetbundle.js")
    fig = style.figure(title="clinic")
    assert len(fig._esm) < 300 and "/voila/labextensions/widgetbundle.js" in fig._esm
    assert fig.layout.title.text == "clinic"


@pytest.mark.parametrize("path", sorted(CLINIC_NB.glob("*.ipynb")), ids=lambda p: p.stem)
def test_dashboard_notebooks_are_short_and_say_education_only(path):
    nb = json.loads(path.read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "not medical advice" in text
    code = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a dashboard shows at least one panel"
    assert all(len(src.splitlines()) <= 4 for src in code), "dashboard cells call a panel and nothing more"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_slow_iri_grammar_is_deferred_not_lost():
    # runmech.ui defers rfc3987_syntax (seconds of parser building per kernel); jsonschema's "iri" check still works
    code = (
        "import sys, importlib.util\n"
        "import runmech.ui.style\n"
        "mod = sys.modules.get('rfc3987_syntax')\n"
        "has = importlib.util.find_spec('jsonschema') is not None\n"
        "print('stub' if mod is not None and not hasattr(mod, '__file__') else 'none-or-real')\n"
        "if has and mod is not None:\n"
        "    import jsonschema\n"
        "    fc = jsonschema.Draft7Validator.FORMAT_CHECKER\n"
        "    print(fc.conforms('https://example.org/x', 'iri'), fc.conforms('no scheme here', 'iri'))\n"
        "    print(hasattr(sys.modules['rfc3987_syntax'], '__file__'))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.split()
    if lines[0] == "stub":
        assert lines[1:] == ["True", "False", "True"], res.stdout  # same answers; the real package loaded on use

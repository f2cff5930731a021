"""The servers answer only requests addressed to this computer: a foreign ``Host`` header gets no page.

A web page on another site can point its own name at 127.0.0.1 (DNS rebinding) and then talk to a server on this
computer as if it were its own. Jupyter Server refuses such requests by their ``Host`` header; Voila turns that
check off, and runmech's clinic turns it back on (:func:`runmech.apps.servers.host_settings`). Both servers are
started exactly as ``runmech clinic`` and ``runmech lab`` start them, with the browser tests' harness.
"""

from __future__ import annotations

import http.client
import importlib.util
import sys
import uuid
from pathlib import Path

import pytest

from runmech.apps.lab import lab_command
from runmech.apps.servers import ALLOWED_HOSTS_ENV, voila_command

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"


def _harness():
    """tests/browser/conftest.py (start_server, free_port, notebook copies), loaded under a name of its own."""
    sys.path.insert(0, str(BROWSER_TESTS))
    spec = importlib.util.spec_from_file_location("runmech_browser_harness", BROWSER_TESTS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


H = _harness()
FOREIGN = ("evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil.example", "0.0.0.0")


def _get(port: int, path: str, host: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": host})
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    root = tmp_path_factory.mktemp("clinic") / "notebooks"
    H.shutil.copytree(H.NOTEBOOKS / "clinic", root / "clinic")
    port = H.free_port()
    server = H.start_server("voila-hosts", voila_command(root, port), port, root, "/voila/tree",
                            tmp_path_factory.mktemp("voila-hosts-env"),
                            extra_env={ALLOWED_HOSTS_ENV: "clinic.example.org"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    port, token = H.free_port(), uuid.uuid4().hex
    server = H.start_server("lab-hosts", lab_command(root, port, token), port, root, f"/api/status?token={token}",
                            tmp_path_factory.mktemp("lab-hosts-env"), token=token)
    yield server
    server.stop()


CLINIC_PATHS = ("/", "/voila/tree", "/voila/tree/clinic", "/voila/render/clinic/torso.ipynb", "/api/kernels",
                "/voila/api/contents/clinic")


@pytest.mark.parametrize("host", FOREIGN)
def test_the_clinic_refuses_a_foreign_host(clinic, host):
    statuses = {path: _get(clinic.port, path, host) for path in CLINIC_PATHS}
    assert all(code != 200 for code in statuses.values()), statuses
    assert statuses["/voila/render/clinic/torso.ipynb"] == 403 and statuses["/voila/tree"] == 403, statuses


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "clinic.example.org"])
def test_the_clinic_answers_its_own_names(clinic, host):
    assert _get(clinic.port, "/voila/tree/clinic", f"{host}:{clinic.port}") == 200


@pytest.mark.parametrize("host", FOREIGN[:2])
def test_jupyterlab_refuses_a_foreign_host(lab, host):
    for path in ("/lab", f"/api/kernels?token={lab.token}", f"/api/contents?token={lab.token}"):
        assert _get(lab.port, path, host) == 403, path
    assert _get(lab.port, f"/api/kernels?token={lab.token}", f"127.0.0.1:{lab.port}") == 200

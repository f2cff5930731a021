"""Fixtures for the browser tests: Voila and JupyterLab on free loopback ports, driven by headless Chromium.

- ``voila_server`` / ``lab_server`` (session): each serves a fresh copy of ``notebooks/`` (so nothing a test does is
  saved into the repository), listens on 127.0.0.1 only, and is stopped by its process group id at the end.
- ``browser`` (session): Debian's Chromium driven by the Python ``playwright`` package through ``executable_path``.
  A missing Chromium is a failure, never a skip (``make test`` installs it).
- ``page`` (per test): a fresh browser context; every request that is not to 127.0.0.1 is blocked and recorded;
  console errors and page errors are recorded; a screenshot is saved when the test fails.
- ``page_log`` (per test): what ``page`` recorded, with ``assert_clean()``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import ROOT, screenshot
from runmech.apps.lab import lab_command
from runmech.apps.servers import voila_command

NOTEBOOKS = ROOT / "notebooks"
LOGS = ROOT / "test-artifacts" / "server-logs"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http_ok(url: str) -> bool:
    try:
        with _OPENER.open(url, timeout=2) as r:
            return r.status < 500
    except urllib.error.HTTPError as e:
        return e.code < 500
    except OSError:
        return False


@dataclass
class Server:
    """A server process this test session started (stopped by its process group id)."""

    name: str
    proc: subprocess.Popen
    port: int
    root: Path
    token: str = ""
    log_path: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def render(self, notebook: str) -> str:
        """Voila URL of a notebook."""
        return f"{self.base}/voila/render/{notebook}"

    def lab(self, notebook: str) -> str:
        """JupyterLab URL of a notebook (with the token)."""
        return f"{self.base}/lab/tree/{notebook}?token={self.token}&reset"  # reset: no tabs from earlier tests

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def _server_env(tmp: Path) -> dict:
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                     ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"), ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    env["PYTHONUNBUFFERED"] = "1"
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    return env


def start_server(name: str, cmd: list[str], port: int, root: Path, ready_path: str, tmp: Path, token: str = "",
                 timeout_s: float = 120.0, extra_env: dict | None = None) -> Server:
    """Start a server in its own process group and wait until ``ready_path`` answers."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{name}.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(cmd, cwd=root, env={**_server_env(tmp), **(extra_env or {})}, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    server = Server(name, proc, port, root, token, log_path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode} before it was ready:\n{server.log_text()[-3000:]}")
        if _http_ok(f"{server.base}{ready_path}"):
            return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} did not answer on port {port} within {timeout_s:.0f} s:\n{server.log_text()[-3000:]}")


@pytest.fixture(scope="session")
def notebook_copy(tmp_path_factory) -> Path:
    """A fresh copy of notebooks/ for the servers to serve."""
    dest = tmp_path_factory.mktemp("served") / "notebooks"
    shutil.copytree(NOTEBOOKS, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


@pytest.fixture(scope="session")
def voila_server(notebook_copy, tmp_path_factory):
    port = free_port()
    server = start_server("voila", voila_command(notebook_copy, port), port, notebook_copy, "/voila/tree",
                          tmp_path_factory.mktemp("voila-env"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab_server(notebook_copy, tmp_path_factory):
    port = free_port()
    token = uuid.uuid4().hex
    cmd = lab_command(notebook_copy, port, token)  # exactly what `runmech lab` runs
    cmd.append("--LabApp.expose_app_in_browser=True")  # lets the tests call JupyterLab's commands
    server = start_server("jupyterlab", cmd, port, notebook_copy, f"/api/status?token={token}",
                          tmp_path_factory.mktemp("lab-env"), token=token)
    yield server
    server.stop()


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed, so the browser tests cannot run. `make test` installs Debian's "
                    "chromium when run as root; otherwise: sudo apt-get install chromium", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class PageLog:
    """What a page did that a test may want to forbid."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self, ignore: tuple[str, ...] = ()) -> None:
        errs = [e for e in self.console_errors + self.page_errors if not any(i in e for i in ignore)]
        assert not self.blocked_requests, f"the page tried to reach the network: {self.blocked_requests[:10]}"
        assert not errs, f"console errors: {errs[:10]}"


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, page_log, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)

    def route(r):
        url = r.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
            r.continue_()
        else:
            page_log.blocked_requests.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.on("console", lambda m: page_log.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: page_log.page_errors.append(str(e)))
    pg.on("request", lambda r: page_log.requests.append(r.url))
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        try:
            print(f"screenshot of the failure: {screenshot(pg, 'FAILED-' + request.node.name)}")
        except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the real failure
            print(f"could not take a screenshot: {exc}")
    context.close()

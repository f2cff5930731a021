"""The workshop JupyterHub recipe (deploy/jupyterhub/) started for real on loopback with ten participants.

JupyterHub runs ``deploy/jupyterhub/jupyterhub_config.py`` as written, with only what a test machine needs changed:
loopback ports, a temporary state folder, configurable-http-proxy from ``make test``'s npm install, and every
participant's server as a process of the test's own user (SimpleLocalProcessSpawner: no Unix accounts, no systemd).
Ten participants log in with the room password, each opens the torso dashboard through ``/voila/render/`` (the
dashboard's kernel runs it to the end), and the test reports the time from login to the finished dashboard and the
memory each participant's server and kernel hold (proportional set size, so shared libraries are split fairly).

It also checks that the Kubernetes values file (``z2jh-values.yaml``) carries the same numbers as the one-machine
configuration.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit
from pathlib import Path

import psutil
import pytest
import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
LOGS = ROOT / "test-artifacts" / "server-logs"
USERS = 10
PASSWORD = "room-password-for-the-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chp() -> str:
    chp = os.environ.get("RUNMECH_CHP") or str(ROOT / ".venv" / "node" / "node_modules" / ".bin" /
                                               "configurable-http-proxy")
    if not Path(chp).is_file():
        pytest.fail(f"configurable-http-proxy is not installed at {chp}: `make test` installs it with npm",
                    pytrace=False)
    return chp


def _ready(url: str) -> bool:
    try:
        return requests.get(url, timeout=2, proxies={"http": "", "https": ""}).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    state = tmp_path_factory.mktemp("hub")
    port, api_port, hub_port = _free_port(), _free_port(), _free_port()
    config = state / "test_config.py"
    config.write_text(f"""
import os, sys
load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{_chp()!r}]
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(state / 'homes' / '{username}')!r}
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.start_timeout = 240
c.Spawner.http_timeout = 240
""")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(RUNMECH_HUB_PASSWORD=PASSWORD, RUNMECH_HUB_STATE=str(state), RUNMECH_HUB_LANDING="clinic",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               JUPYTER_CONFIG_DIR=str(state / "jupyter-config"), JUPYTER_RUNTIME_DIR=str(state / "runtime"))
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / "jupyterhub.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)], cwd=state,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None and not _ready(f"{base}/hub/api"):
        time.sleep(0.3)
    if proc.poll() is not None or not _ready(f"{base}/hub/api"):
        _stop(proc)
        pytest.fail(f"JupyterHub did not start:\n{(LOGS / 'jupyterhub.log').read_text()[-4000:]}", pytrace=False)
    yield base, proc, state
    _stop(proc)
    log.close()


def _stop(proc) -> None:
    """Stop the hub and everything it started (its process group; participants' servers are its children)."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for child in children:  # anything that outlived the hub
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


def _participant(base: str, name: str) -> dict:
    """Log in, let the hub start the server, open the torso dashboard; times in seconds."""
    s = requests.Session()
    s.trust_env = False
    t0 = time.monotonic()
    r = s.get(f"{base}/hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', r.text)
    form = {"username": name, "password": PASSWORD, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
    r = s.post(f"{base}/hub/login?next=", data=form, timeout=300, allow_redirects=True)
    assert r.status_code == 200, f"{name}: login or spawn answered {r.status_code}"
    # the hub shows a progress page while the server starts; the landing URL answers once the server is up
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        landing = s.get(f"{base}/user/{name}/", timeout=60)
        if landing.status_code == 200 and "rm-cards" in landing.text:
            break
        time.sleep(1.0)
    else:
        raise AssertionError(f"{name}: the server never came up ({landing.status_code} at {landing.url})")
    server_s = time.monotonic() - t0
    r = s.get(f"{base}/user/{name}/voila/render/notebooks/clinic/torso.ipynb", timeout=300)
    ready_s = time.monotonic() - t0
    assert r.status_code == 200, f"{name}: the dashboard answered {r.status_code}"
    return {"name": name, "server_s": server_s, "ready_s": ready_s, "html": r.text, "landing": landing}


def _memory_by_user(hub_pid: int) -> dict[str, float]:
    """Proportional memory (MB) of each participant's server and its kernels, found under the hub's process."""
    out: dict[str, float] = {}
    for p in psutil.Process(hub_pid).children(recursive=True):
        try:
            user = p.environ().get("JUPYTERHUB_USER")
            if not user or p.parent().environ().get("JUPYTERHUB_USER") == user:
                continue  # not a participant's server, or a kernel (counted with its server below)
            procs = [p, *p.children(recursive=True)]
            out[user] = sum(q.memory_full_info().pss for q in procs) / 1e6
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return out


def test_ten_participants_each_open_a_dashboard(hub):
    base, proc, state = hub
    names = [f"p{i:02d}" for i in range(USERS)]
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        results = list(pool.map(lambda n: _participant(base, n), names))
    for res in results:
        html = res["html"]
        assert "runmech-status" in html, f"{res['name']}: the dashboard is not in runmech's template"
        assert "not medical advice" in html and "Traceback" not in html, res["name"]
        # the landing URL of the recipe (the dashboard list) and the participant's own copy of the notebooks
        # (the hub adds ?redirects=N when it bounced the request while the server was starting: the path is what counts)
        landing_path = urlsplit(res["landing"].url).path
        assert landing_path.endswith("/voila/tree/notebooks/clinic"), res["landing"].url
        assert "rm-cards" in res["landing"].text
        assert (state / "homes" / res["name"] / "notebooks" / "clinic" / "torso.ipynb").is_file()
    memory = _memory_by_user(proc.pid)
    assert sorted(memory) == names, f"servers found for {sorted(memory)}"
    ready = [r["ready_s"] for r in results]
    server = [r["server_s"] for r in results]
    per_user = list(memory.values())
    report = {"users": USERS, "cores": os.cpu_count(), "load_avg": os.getloadavg(),
              "server_up_s_median": statistics.median(server), "server_up_s_max": max(server),
              "dashboard_ready_s_median": statistics.median(ready), "dashboard_ready_s_max": max(ready),
              "memory_per_user_mb_median": statistics.median(per_user), "memory_per_user_mb_max": max(per_user)}
    out = ROOT / "test-artifacts" / "jupyterhub-10-users.json"
    out.write_text(json.dumps(report, indent=2))
    print("\nJupyterHub, 10 participants at once: " + ", ".join(
        f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in report.items() if k != "load_avg")
        + f", load average {report['load_avg'][0]:.2f}")
    # a participant's server plus one dashboard kernel must fit the recipe's 1 GB per participant
    assert max(per_user) < 1000, f"a participant used {max(per_user):.0f} MB (the recipe allows 1 GB)"


def test_kubernetes_values_match_the_one_machine_recipe():
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())
    text = (DEPLOY / "jupyterhub_config.py").read_text()
    one = lambda pattern: re.search(pattern, text).group(1)  # noqa: E731
    single = values["singleuser"]
    assert single["defaultUrl"] == one(r'"lab": "([^"]+)"')
    assert (ROOT / single["defaultUrl"].removeprefix("/lab/tree/")).is_file()
    assert (ROOT / one(r'"clinic": "([^"]+)"').removeprefix("/voila/tree/")).is_dir()
    assert single["memory"]["limit"] == one(r'RUNMECH_HUB_MEM", "([^"]+)"')
    assert single["extraEnv"]["RUNMECH_MAX_KERNELS"] == one(r'RUNMECH_MAX_KERNELS", "([^"]+)"')
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == int(one(r'RUNMECH_HUB_IDLE_S", "([^"]+)"'))
    assert single["cmd"] == "jupyterhub-singleuser"
    # the Binder image keeps the repository in the home folder: a persistent volume must not hide it
    assert single["storage"]["homeMountPath"] != "/home/jovyan"

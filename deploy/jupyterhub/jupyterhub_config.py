"""JupyterHub for a workshop room on one machine (The Littlest JupyterHub style): every participant gets their own
JupyterLab (or the code-free dashboards) running runmech, with a memory limit, a cap on kernels and idle culling.

Install on the machine (as root, into one environment that the hub and the users share):

    python3 -m venv /opt/runmech && /opt/runmech/bin/pip install -r binder/requirements.txt
    /opt/runmech/bin/pip install --no-deps . jupyterhub jupyterhub-idle-culler
    npm install -g configurable-http-proxy          # or: pip install systemdspawner (limits enforced), see below
    RUNMECH_HUB_PASSWORD=... /opt/runmech/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings (environment variables, all optional except the password):

- ``RUNMECH_HUB_PASSWORD``  the room's shared password (any user name + this password logs in); required.
- ``RUNMECH_HUB_URL``       where the hub listens (default ``http://127.0.0.1:8000``; put TLS in front of it).
- ``RUNMECH_HUB_LANDING``   ``lab`` (default: JupyterLab at the start notebook) or ``clinic`` (the dashboard list).
- ``RUNMECH_HUB_MEM``       memory per participant (default ``1G``; enforced by SystemdSpawner, as TLJH does).
- ``RUNMECH_MAX_KERNELS``   kernels per participant (default 6, about 140 MB each); one more gets "the room is full".
- ``RUNMECH_HUB_IDLE_S``    a participant's server idle this long is stopped (default 3600 s).
- ``RUNMECH_HUB_STATE``     folder for the hub's database, cookie secret and the participants' copies of the
                            notebooks (default ``/var/lib/runmech-hub``).

Kernels idle for ten minutes are shut down inside each server by runmech's own Jupyter set-up (runmech.apps.servers).
The same numbers are in ``z2jh-values.yaml`` for Kubernetes; ``tests/deploy/test_jupyterhub.py`` checks both and
starts this file with ten users.
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - given by JupyterHub

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
STATE = Path(os.environ.get("RUNMECH_HUB_STATE", "/var/lib/runmech-hub"))
LANDING = {"lab": "/lab/tree/notebooks/00_start_here.ipynb", "clinic": "/voila/tree/notebooks/clinic"}
MEM = os.environ.get("RUNMECH_HUB_MEM", "1G")
MAX_KERNELS = os.environ.get("RUNMECH_MAX_KERNELS", "6")
IDLE_S = int(os.environ.get("RUNMECH_HUB_IDLE_S", "3600"))

landing = os.environ.get("RUNMECH_HUB_LANDING", "lab")
if landing not in LANDING:
    raise ValueError(f"RUNMECH_HUB_LANDING must be one of {', '.join(LANDING)}; got {landing!r}")
password = os.environ.get("RUNMECH_HUB_PASSWORD", "")
if not password:
    raise ValueError("RUNMECH_HUB_PASSWORD must be set to the room's shared password; got nothing")

STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.bind_url = os.environ.get("RUNMECH_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# a room: any name with the shared password; names are kept to letters, digits, '-' and '_'
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = password
c.Authenticator.allow_all = True
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9_-]{0,31}$"

# each participant: their own server from the environment runmech is installed in, landing on the start notebook
# or the dashboard list, with a copy of the notebooks to change and save
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = LANDING[landing]
c.Spawner.mem_limit = MEM
c.Spawner.cpu_limit = 1.0
c.Spawner.environment = {"RUNMECH_MAX_KERNELS": MAX_KERNELS}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
try:  # TLJH's spawner: a systemd unit per participant, memory and CPU limits enforced, no Unix accounts needed
    import systemdspawner  # noqa: F401

    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True
    c.SystemdSpawner.unit_name_template = "runmech-{USERNAME}"
except ImportError:  # plain processes: one Unix account per participant, limits not enforced (kernel cap still is)
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    c.LocalProcessSpawner.create_system_users = False


def copy_notebooks(spawner) -> None:
    """Before a participant's first start: a private copy of notebooks/ (kept across restarts) in their folder."""
    home = Path(spawner.format_string(spawner.notebook_dir)).expanduser()
    if (home / "notebooks").is_dir():
        return
    home.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "notebooks", home / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if os.geteuid() == 0 and spawner.__class__.__name__ == "LocalProcessSpawner":  # hand it to the Unix account
        import pwd

        user = pwd.getpwnam(spawner.user.name)
        for path in (home, *home.rglob("*")):
            os.chown(path, user.pw_uid, user.pw_gid)


c.Spawner.notebook_dir = str(STATE / "homes" / "{username}")
c.Spawner.pre_spawn_hook = copy_notebooks

# a participant who walks away gives their server back (their copy of the notebooks stays)
c.JupyterHub.load_roles = [{"name": "idle-culler", "scopes": ["list:users", "read:users:activity",
                                                               "read:servers", "delete:servers"],
                            "services": ["idle-culler"]}]
c.JupyterHub.services = [{"name": "idle-culler",
                          "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_S}",
                                      "--cull-every=300"]}]

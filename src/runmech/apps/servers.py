"""The servers' settings, one Jupyter set-up wherever runmech is installed: plain ``jupyter lab``, plain ``voila``, Binder, JupyterHub.

Installing runmech puts three small files under the environment's ``etc/jupyter`` (see ``[tool.hatch.build.targets
.wheel.shared-data]`` in ``pyproject.toml``), and Jupyter Server, JupyterLab and Voila read them by themselves at
start-up:

- ``jupyter_server_config.d/runmech.json`` turns on this module as a Jupyter Server extension and makes
  :class:`RoomKernelManager` the server's kernel manager;
- ``voila.py`` calls :func:`configure_voila` (read by stand-alone Voila and by Voila's server extension alike);
- ``labconfig/page_config.d/runmech.json`` is JupyterLab's page configuration (the ``.d`` folder is where installed
  packages put theirs, so ``jupyter labextension disable`` keeps writing its own ``page_config.json`` beside it).

Together they give every notebook and dashboard the same five things, defined here once:

1. **plotly's browser bundle served once** as a cached file (:data:`PLOTLY_ROUTE` under Jupyter Server, Voila's
   labextensions route under stand-alone Voila); kernels learn its address through :data:`ESM_URL_ENV`, and
   :func:`runmech.ui.style.figure` makes figures import it instead of each one carrying the 5 MB bundle over the
   websocket;
2. **runmech's Voila template** (large controls, nothing from a CDN, loading feedback, the dashboard list as the
   folder page, a "room is full" page) with code and tracebacks hidden;
3. **kernel culling**: a kernel idle for :data:`CULL_IDLE_S` seconds is shut down (stand-alone Voila: even with its
   page still open, one page per kernel; Jupyter Server: only once no tab is connected, so nobody's open notebook
   loses its state);
4. **a cap on concurrent kernels** (:attr:`RoomKernelManager.max_kernels`, default :data:`MAX_KERNELS`, or the
   ``RUNMECH_MAX_KERNELS`` environment variable): one more dashboard gets a friendly "the room is full, try again in
   a minute" page (HTTP 503) that tries again by itself, instead of a machine that runs out of memory;
5. **no "notified about official Jupyter news?" prompt** on every JupyterLab page: ``--LabApp.news_url=None`` only
   stops the server fetching news, while JupyterLab's announcements plugin still asks because its ``fetchNews``
   setting starts at "ask"; the page configuration disables that plugin (JupyterLab reads it from every Jupyter
   config folder, so plain ``jupyter lab``, Binder's ``jupyter notebook`` and JupyterHub get it too).
6. **only requests addressed to this computer** (stand-alone Voila, :func:`host_settings`): a ``Host`` header that
   is not 127.0.0.1, ::1, ``localhost`` or a name in :data:`ALLOWED_HOSTS_ENV` gets 403, so a web page elsewhere
   cannot reach the dashboards through DNS rebinding (Jupyter Server checks the same by itself).

``runmech lab`` and ``runmech clinic`` start plain JupyterLab and plain Voila (:func:`voila_command`) and rely on the
same files.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from traitlets import Dict, Int, Unicode, default

from runmech.constants import PLOTLY_ESM_URL_ENV

__all__ = ["TEMPLATE", "CULL_IDLE_S", "CULL_INTERVAL_S", "MAX_KERNELS", "MAX_KERNELS_ENV", "ESM_URL_ENV",
           "PLOTLY_ROUTE", "VOILA_PLOTLY_ROUTE", "RoomKernelManager", "plotly_bundle", "template_root",
           "offline_page_config", "configure_voila", "ALLOWED_HOSTS_ENV", "host_settings", "check_host_names",
           "voila_argv", "voila_command"]

TEMPLATE = "runmech"
CULL_IDLE_S = 600  # a kernel left idle for 10 minutes gives its memory back
CULL_INTERVAL_S = 60
MAX_KERNELS = 40  # about 140 MB each: 40 kernels need about 6 GB (see the README's section for hosts)
MAX_KERNELS_ENV = "RUNMECH_MAX_KERNELS"
ESM_URL_ENV = PLOTLY_ESM_URL_ENV  # defined once, in runmech.constants (the kernels' side reads it there too)
#: where Jupyter Server (lab, Binder, JupyterHub) serves plotly's bundle, relative to the server's base URL
PLOTLY_ROUTE = "runmech/static/widgetbundle.js"
#: where stand-alone Voila serves it (its labextensions route, with plotly's package_data folder added to the path)
VOILA_PLOTLY_ROUTE = "voila/labextensions/widgetbundle.js"
#: Extra host names the clinic answers to, separated by commas (e.g. the name a hub or a proxy serves it under).
ALLOWED_HOSTS_ENV = "RUNMECH_ALLOWED_HOSTS"


def plotly_bundle() -> Path:
    """plotly's browser bundle for its figure widget (the file served once per page instead of once per figure).

    Examples
    --------
    >>> plotly_bundle().name
    'widgetbundle.js'
    """
    import importlib.util

    spec = importlib.util.find_spec("plotly")  # without importing plotly (slow) into the server
    return Path(spec.origin).resolve().parent / "package_data" / "widgetbundle.js"


def template_root() -> Path:
    """The ``share/jupyter`` folder inside the package that holds runmech's Voila template.

    Installing runmech copies the same folder into the environment's ``share/jupyter``, where Voila looks.

    Examples
    --------
    >>> (template_root() / "voila" / "templates" / "runmech" / "index.html.j2").is_file()
    True
    """
    return Path(__file__).resolve().parents[1] / "share" / "jupyter"


def _room_full(running: int, cap: int):
    """The HTTP 503 error a kernel past the cap gets; Voila shows it with the template's ``503.html``."""
    from tornado.web import HTTPError

    return HTTPError(503, "%d of %d kernels are running", running, cap,
                     reason="The room is full: try again in a minute")


class RoomKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with runmech's culling defaults, a cap on kernels and plotly's bundle address.

    Examples
    --------
    >>> km = RoomKernelManager(max_kernels=3)
    >>> (km.max_kernels, km.cull_idle_timeout, km.cull_interval)
    (3, 600, 60)
    """

    max_kernels = Int(config=True, help="Most kernels running at once (0: no cap). A new one past it gets the "
                                        "'room is full' page. Default: $RUNMECH_MAX_KERNELS or 40.")
    plotly_url = Unicode("", config=True, help="Address of plotly's bundle relative to the base URL (set by the "
                                               "code that serves it); kernels receive it in RUNMECH_PLOTLY_ESM_URL.")
    kernel_env = Dict(config=True, help="Extra environment variables for every kernel.")

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        raw = os.environ.get(MAX_KERNELS_ENV, "")
        if not raw:
            return MAX_KERNELS
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0:
            raise ValueError(f"{MAX_KERNELS_ENV} must be a whole number of kernels, 0 or more (0: no cap); "
                             f"got {raw!r}")
        return value

    @default("cull_idle_timeout")
    def _default_cull_idle_timeout(self) -> int:
        return CULL_IDLE_S

    @default("cull_interval")
    def _default_cull_interval(self) -> int:
        return CULL_INTERVAL_S

    def _base_url(self) -> str:
        return getattr(self.parent, "base_url", None) or "/"

    _starting = 0  # kernels asked for whose start has not finished yet (they count against the cap too)

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        """Start a kernel unless the room is full; give it plotly's bundle address and :attr:`kernel_env`."""
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        running = len(self.list_kernel_ids()) + self._starting
        if self.max_kernels and running >= self.max_kernels:
            self.log.warning("runmech: the room is full (%d of %d kernels); refused one more", running,
                             self.max_kernels)
            raise _room_full(running, self.max_kernels)
        env = dict(kwargs.get("env") or os.environ)
        env.update(self.kernel_env)
        if self.plotly_url:
            env[ESM_URL_ENV] = self._base_url().rstrip("/") + "/" + self.plotly_url.lstrip("/")
        kwargs["env"] = env
        self._starting += 1
        try:
            return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        finally:
            self._starting -= 1


def offline_page_config(page_config: dict, **_kw) -> dict:
    """Voila's page configuration without MathJax's CDN address, so pages typeset maths with the bundled MathJax.

    Stand-alone Voila leaves the address unset (its front end then uses the MathJax it ships); Voila's server
    extension falls back to a CDN address when the server has none, which would fail offline.

    It also tells the page where plotly's browser bundle is (``runmechPlotlyUrl``, the same address the kernels'
    figures import), so the page can start loading it while the kernel starts: anywidget gives each figure only two
    seconds to initialise, and compiling the 5 MB bundle on a busy machine takes longer than that.

    Examples
    --------
    >>> cfg = offline_page_config({"fullMathjaxUrl": "https://cdn.example/mathjax.js", "baseUrl": "/"})
    >>> cfg["fullMathjaxUrl"], cfg["mathjaxConfig"], cfg["runmechPlotlyUrl"].endswith("widgetbundle.js")
    (None, None, True)
    """
    if not isinstance(page_config, dict):
        raise TypeError(f"page_config must be Voila's page configuration (a dict); got {type(page_config).__name__}")
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    url = os.environ.get(ESM_URL_ENV) or url_path_join(page_config.get("baseUrl") or "/", VOILA_PLOTLY_ROUTE)
    page_config["runmechPlotlyUrl"] = url
    return page_config


def configure_voila(c) -> None:
    """Voila's runmech settings, applied to the config object ``c`` (called by the installed ``voila.py``).

    Examples
    --------
    >>> from traitlets.config import Config
    >>> c = Config()
    >>> configure_voila(c)
    >>> c.VoilaConfiguration.template, c.RoomKernelManager.cull_connected
    ('runmech', True)
    >>> c.Voila.tornado_settings.to_dict()["update"]["allow_remote_access"]
    False
    """
    from traitlets.config import Config

    if not isinstance(c, Config):
        raise TypeError(f"c must be the traitlets Config that Voila gives its config files; got {type(c).__name__}")
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.classic_tree = True  # the folder page is the template's tree.html: the dashboard list
    c.VoilaConfiguration.page_config_hook = offline_page_config
    c.VoilaConfiguration.prelaunch_hook = _xsrf_cookie_hook
    # Notebook 7's JupyterLab extension (its interface switcher) fails to load in a dashboard page, which lacks the
    # document registry it needs; a dashboard has no use for it
    c.VoilaConfiguration.extension_denylist = ["@jupyter-notebook/lab-extension"]
    # stand-alone Voila: one page per kernel, so an idle dashboard gives its kernel back even with its page open,
    # and ipywidgets' echo of every update back to the page only costs time (plotly's page sends each figure's
    # trace data to the kernel after every redraw, which the echo would send straight back)
    c.VoilaConfiguration.multi_kernel_manager_class = f"{__name__}.RoomKernelManager"
    c.RoomKernelManager.cull_connected = True
    c.RoomKernelManager.kernel_env = {"JUPYTER_WIDGETS_ECHO": "0"}
    bundle = plotly_bundle()
    if bundle.is_file():
        c.VoilaConfiguration.extra_labextensions_path = [str(bundle.parent)]
        c.RoomKernelManager.plotly_url = VOILA_PLOTLY_ROUTE
    # stand-alone Voila switches Jupyter Server's Host check off; back on (Voila applies these after its own)
    c.Voila.tornado_settings.update(host_settings())


def _xsrf_cookie_hook(req_handler, notebook, cwd):
    """Voila's prelaunch hook: give a dashboard page its ``_xsrf`` cookie, so that leaving the page frees its kernel.

    When a dashboard page is left or reloaded, Voila's front end asks the server to shut the page's kernel down
    (``POST voila/api/shutdown/<id>``), sending the token it reads from the ``_xsrf`` cookie. Voila streams the page
    and never sets that cookie (tornado sets it when a handler first reads ``xsrf_token``, and by the time the page's
    template could, its headers are gone), so the request was refused (HTTP 403) and every reload left a kernel
    (about 140 MB) running until the culler took it, counted against the room's cap. This hook runs before the
    first byte of the page is sent: reading ``xsrf_token`` there sets the cookie. The notebook is returned unchanged.

    Examples
    --------
    >>> class Handler:
    ...     read = 0
    ...     @property
    ...     def xsrf_token(self):
    ...         Handler.read += 1
    ...         return b"token"
    >>> _xsrf_cookie_hook(Handler(), notebook=None, cwd=".") is None, Handler.read
    (True, 1)
    """
    req_handler.xsrf_token  # noqa: B018 - reading the property is what sets the cookie
    return None


def host_settings(extra: str | None = None) -> dict:
    """Tornado settings that make the clinic answer only requests addressed to this computer by name.

    Voila turns Jupyter Server's ``Host`` check off; these settings turn it back on: a request whose ``Host`` header
    is not a loopback address (127.0.0.1, ::1), ``localhost`` or one of the names in ``extra`` (default: the
    :data:`ALLOWED_HOSTS_ENV` environment variable) gets 403. A web page on another site that points its own name
    at 127.0.0.1 (DNS rebinding) can then neither start dashboards' kernels nor read them.

    Examples
    --------
    >>> host_settings("clinic.example.org")
    {'allow_remote_access': False, 'local_hostnames': ['localhost', 'clinic.example.org']}
    """
    from runmech._validate import check_text

    names = os.environ.get(ALLOWED_HOSTS_ENV, "") if extra is None else check_text("extra", extra, single_line=True)
    where = ALLOWED_HOSTS_ENV if extra is None else "extra"
    extra_names = check_host_names(where, [n for n in names.split(",") if n.strip()])
    return {"allow_remote_access": False, "local_hostnames": ["localhost", *extra_names]}


def check_host_names(name: str, names: list[str]) -> list[str]:
    """Host names (lower case) after checking each is one: letters, digits, dots and dashes, e.g. ``clinic.local``.

    Examples
    --------
    >>> check_host_names("--allow-host", ["Clinic.Example.org"])
    ['clinic.example.org']
    """
    from runmech._validate import check_text

    name = check_text("name", name, max_chars=40, single_line=True)
    if not isinstance(names, (list, tuple)):
        raise TypeError(f"{name} must be a list of host names; got {names!r} ({type(names).__name__})")
    out = []
    for n in names:
        host = n.strip().lower() if isinstance(n, str) else n
        if not isinstance(host, str) or not re.fullmatch(r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?", host):
            raise ValueError(f"{name} must be host names (letters, digits, '.' and '-'), e.g. clinic.example.org; "
                             f"got {n!r}")
        out.append(host)
    return out


def voila_argv(root: Path | str, port: int) -> list[str]:
    """Voila's command-line options for clinic mode, serving the notebooks in ``root`` on ``127.0.0.1:port``.

    Only where to listen is given here; the rest is the installed configuration (:func:`configure_voila`).

    Examples
    --------
    >>> voila_argv("notebooks", 8866)
    ['notebooks', '--no-browser', '--port=8866', '--Voila.ip=127.0.0.1', '--ServerApp.port_retries=0']
    """
    from runmech._validate import check_int, check_path

    root, port = check_path("root", root), check_int("port", port, low=1, high=65535)
    return [str(root), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", "--ServerApp.port_retries=0"]


def voila_command(root: Path | str, port: int) -> list[str]:
    """The command that serves the dashboards: plain Voila (``runmech clinic``, the browser tests, benchmarks).

    Examples
    --------
    >>> voila_command("notebooks", 8866)[1:3]
    ['-m', 'voila']
    """
    return [sys.executable, "-m", "voila", *voila_argv(root, port)]


# --- the Jupyter Server extension (turned on by etc/jupyter/jupyter_server_config.d/runmech.json) ----------------
def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Serve plotly's bundle at :data:`PLOTLY_ROUTE` and tell the kernels where it is."""
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    bundle = plotly_bundle()
    if not bundle.is_file():
        serverapp.log.warning("runmech: plotly's bundle %s is missing; figures carry their own copy", bundle)
        return
    folder, name = PLOTLY_ROUTE.rsplit("/", 1)
    route = url_path_join(serverapp.base_url, folder, "(" + name.replace(".", r"\.") + ")")
    serverapp.web_app.add_handlers(".*$", [(route, StaticFileHandler, {"path": str(bundle.parent)})])
    km = serverapp.kernel_manager
    if isinstance(km, RoomKernelManager):
        km.plotly_url = PLOTLY_ROUTE
    else:  # another kernel manager was configured: the kernels inherit the server's environment
        os.environ[ESM_URL_ENV] = url_path_join(serverapp.base_url, PLOTLY_ROUTE)
    serverapp.log.info("runmech: plotly's bundle is served once at %s", url_path_join(serverapp.base_url, PLOTLY_ROUTE))


load_jupyter_server_extension = _load_jupyter_server_extension

"""Clinic mode: the dashboards served by Voila on this computer only, with nothing loaded from the internet.

``runmech clinic`` (or ``make clinic``) runs ``python -m runmech.apps.servers``, which points Voila at runmech's own
template (Voila's ``lab`` template without its CDN style sheets, plus large controls and print styles), listens on
127.0.0.1 only, hides code and tracebacks, and shuts down kernels of dashboards left idle. The folder's landing page
(``/`` and ``/voila/tree``) is the template's own ``tree.html``: large buttons for the dashboards, no script, no
kernel.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from runmech.constants import PLOTLY_ESM_URL_ENV

__all__ = ["TEMPLATE", "CULL_IDLE_S", "PLOTLY_BUNDLE_PATH", "ESM_URL_ENV", "template_root", "plotly_bundle",
           "voila_command", "voila_argv", "main"]

TEMPLATE = "runmech"
CULL_IDLE_S = 600  # a dashboard left alone for 10 minutes gives its kernel back

# plotly's figure widget is an anywidget whose state carries plotly's whole browser bundle (about 5 MB) as text: every
# figure sends it over the kernel's websocket and the page evaluates it once per figure (blob URL), which makes an
# eight-plot dashboard slow to appear and trips anywidget's 2-second start-up timeout on a busy machine. In clinic
# mode the server hands the bundle out once as a cacheable file at this path, and the kernels (told through
# ESM_URL_ENV) give their figures a few-line module that imports it from there (see runmech.ui.style.figure).
PLOTLY_BUNDLE_PATH = "/runmech/static/widgetbundle.js"
ESM_URL_ENV = PLOTLY_ESM_URL_ENV  # defined once, in runmech.constants (the kernels' side reads it there too)


def template_root() -> Path:
    """The ``share/jupyter`` folder that holds runmech's Voila template (added to ``JUPYTER_PATH``).

    Examples
    --------
    >>> (template_root() / "voila" / "templates" / "runmech" / "index.html.j2").is_file()
    True
    """
    return Path(__file__).resolve().parents[1] / "share" / "jupyter"


def voila_argv(root: Path | str, port: int) -> list[str]:
    """Voila's command-line options for clinic mode, serving the notebooks in ``root`` on ``127.0.0.1:port``.

    Examples
    --------
    >>> "--Voila.ip=127.0.0.1" in voila_argv("notebooks", 8866)
    True
    """
    return [
        str(root),
        "--no-browser",
        f"--port={int(port)}",
        "--Voila.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.classic_tree=True",  # the landing page: runmech's tree.html, rendered on the server
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=True",
    ]


def voila_command(root: Path | str, port: int) -> list[str]:
    """The full command that serves the dashboards (used by ``runmech clinic`` and the browser tests).

    Examples
    --------
    >>> voila_command("notebooks", 8866)[1:3]
    ['-m', 'runmech.apps.servers']
    """
    return [sys.executable, "-m", "runmech.apps.servers", *voila_argv(root, port)]


def plotly_bundle() -> Path:
    """plotly's browser bundle for its figure widget (the file the clinic serves at :data:`PLOTLY_BUNDLE_PATH`).

    Examples
    --------
    >>> plotly_bundle().name
    'widgetbundle.js'
    """
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "widgetbundle.js"


def _clinic_app():
    """Voila with one more route: plotly's widget bundle as a static (cached, ETag-checked) file."""
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler
    from voila.app import Voila

    bundle = plotly_bundle()
    folder, name = PLOTLY_BUNDLE_PATH.rsplit("/", 1)

    class ClinicVoila(Voila):
        def init_handlers(self):
            handlers = super().init_handlers()
            route = url_path_join(self.server_url, folder, "(" + name.replace(".", r"\.") + ")")
            handlers.insert(0, (route, StaticFileHandler, {"path": str(bundle.parent)}))
            return handlers

    return ClinicVoila


def main(argv: list[str] | None = None) -> int:
    """Run Voila with runmech's template on the path (``python -m runmech.apps.servers ROOT --port=...``)."""
    extra = str(template_root())
    current = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = extra + (os.pathsep + current if current else "")
    argv = list(argv if argv is not None else sys.argv[1:])
    # One browser page per kernel: ipywidgets' echo of every update back to the page (there to keep several pages
    # on one kernel in step) only costs time here, most of all for plotly, whose page sends each figure's full
    # trace data to the kernel after every redraw, which the echo would send straight back.
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    try:
        app = _clinic_app()
        if plotly_bundle().is_file():
            os.environ[ESM_URL_ENV] = PLOTLY_BUNDLE_PATH  # inherited by the dashboards' kernels
    except Exception:  # noqa: BLE001 - without the shortcut the dashboards still work, only slower
        from voila.app import Voila as app
    sys.argv = ["voila", *argv]
    return app.launch_instance(argv) or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

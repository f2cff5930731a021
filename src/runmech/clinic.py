"""Clinic mode: the dashboards served by Voila on this computer only, with nothing loaded from the internet.

``runmech clinic`` (or ``make clinic``) runs ``python -m runmech.clinic``, which points Voila at runmech's own
template (Voila's ``lab`` template without its CDN style sheets), listens on 127.0.0.1 only, hides code and tracebacks,
and shuts down kernels of dashboards left idle.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["TEMPLATE", "CULL_IDLE_S", "template_root", "voila_command", "voila_argv", "main"]

TEMPLATE = "runmech"
CULL_IDLE_S = 600  # a dashboard left alone for 10 minutes gives its kernel back


def template_root() -> Path:
    """The ``share/jupyter`` folder that holds runmech's Voila template (added to ``JUPYTER_PATH``).

    Examples
    --------
    >>> (template_root() / "voila" / "templates" / "runmech" / "index.html.j2").is_file()
    True
    """
    return Path(__file__).resolve().parent / "share" / "jupyter"


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
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=True",
    ]


def voila_command(root: Path | str, port: int) -> list[str]:
    """The full command that serves the dashboards (used by ``runmech clinic`` and the browser tests).

    Examples
    --------
    >>> voila_command("notebooks", 8866)[1:3]
    ['-m', 'runmech.clinic']
    """
    return [sys.executable, "-m", "runmech.clinic", *voila_argv(root, port)]


def main(argv: list[str] | None = None) -> int:
    """Run Voila with runmech's template on the path (``python -m runmech.clinic ROOT --port=...``)."""
    extra = str(template_root())
    current = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = extra + (os.pathsep + current if current else "")
    from voila.app import main as voila_main

    sys.argv = ["voila", *(argv if argv is not None else sys.argv[1:])]
    return voila_main() or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

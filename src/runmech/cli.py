"""The ``runmech`` command.

``runmech lab``       start JupyterLab at the start notebook (127.0.0.1 only)
``runmech clinic``    serve the code-free dashboards with Voila (127.0.0.1 only)
``runmech dose ...``  exercise-dosing calculators (see ``runmech dose --help``)
``runmech handout``   turn a saved plan (JSON) into a printable one-page handout

Errors in what was typed are reported in one line naming the option, the value and what is allowed (exit code 2);
no traceback is shown.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

__all__ = ["main", "build_parser", "port_is_free", "find_notebooks_dir", "lab_command"]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether ``host:port`` can be bound right now.

    Examples
    --------
    >>> isinstance(port_is_free(0), bool)
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def find_notebooks_dir(start: Path | None = None) -> Path:
    """The ``notebooks/`` folder of the checkout containing ``start`` (default: current folder).

    Examples
    --------
    >>> find_notebooks_dir().name
    'notebooks'
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks" / "00_start_here.ipynb").is_file():
            return folder / "notebooks"
    pkg_root = Path(__file__).resolve().parents[2]
    if (pkg_root / "notebooks" / "00_start_here.ipynb").is_file():
        return pkg_root / "notebooks"
    raise FileNotFoundError(
        "the runmech notebooks were not found: run this command inside a runmech checkout (the folder with notebooks/)"
    )


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def _check_port(port: int, command: str = "lab") -> None:
    """Stop with a message naming the fix when ``port`` is out of range or busy."""
    if not 1024 <= port <= 65535:
        raise SystemExit(f"runmech: --port must be a whole number from 1024 to 65535; got {port}")
    if not port_is_free(port):
        raise SystemExit(
            f"runmech: port {port} on 127.0.0.1 is busy (another Jupyter or server is using it). Stop that server "
            f"or choose another port: runmech {command} --port {port + 1}  (with make: make {command} PORT={port + 1})"
        )


def lab_command(root: Path | str, port: int, token: str) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command of ``runmech lab`` and the extra environment its kernels need.

    JupyterLab listens on 127.0.0.1 only, never checks for updates or news online, and serves plotly's browser bundle
    once as a static file (``/static/widgetbundle.js``) that every figure imports, instead of each figure carrying
    the 5 MB bundle through the kernel (see :func:`runmech.ui.style.figure`).

    Examples
    --------
    >>> cmd, env = lab_command("/tmp/kit", 8888, "abc")
    >>> "--ip=127.0.0.1" in cmd, env.get("RUNMECH_PLOTLY_ESM_URL")
    (True, '/static/widgetbundle.js')
    """
    from runmech.clinic import ESM_URL_ENV, plotly_bundle

    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={int(port)}",
        "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *_root_flag(),
    ]
    env: dict[str, str] = {}
    bundle = plotly_bundle()
    if bundle.is_file():
        cmd.append(f"--ServerApp.extra_static_paths={bundle.parent}")
        env[ESM_URL_ENV] = "/static/" + bundle.name
    return cmd, env


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab on 127.0.0.1 at the start notebook."""
    _check_port(args.port, "lab")
    root = find_notebooks_dir().parent
    token = secrets.token_hex(16)
    url = f"http://127.0.0.1:{args.port}/lab/tree/notebooks/00_start_here.ipynb?token={token}"
    cmd, extra_env = lab_command(root, args.port, token)
    cmd.append("--ServerApp.default_url=/lab/tree/notebooks/00_start_here.ipynb")
    print(f"runmech: starting JupyterLab (127.0.0.1 only). Open this address in your browser:\n\n    {url}\n\n"
          "runmech: stop it with Ctrl+C.", flush=True)
    return subprocess.call(cmd, env={**os.environ, **extra_env})


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``runmech`` command.

    Examples
    --------
    >>> build_parser().parse_args(["lab", "--port", "8899"]).port
    8899
    """
    parser = argparse.ArgumentParser(
        prog="runmech",
        description="runmech: explore running biomechanics and dose strength and mobility work. "
        "Education only, not medical advice.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    lab = sub.add_parser("lab", help="start JupyterLab at the start notebook (127.0.0.1 only)")
    lab.add_argument("--port", type=int, default=8888, help="port on 127.0.0.1 (default 8888)")
    lab.set_defaults(func=cmd_lab)
    for register in _REGISTRARS:
        register(sub)
    return parser


# Other modules add their sub-commands here (dose, handout, clinic); each gets the sub-parsers object.
_REGISTRARS: list = []


def _load_registrars() -> None:
    """Import the modules that contribute sub-commands (kept lazy so ``runmech --help`` stays quick)."""
    import importlib

    for name in ("runmech.cli_dose", "runmech.cli_clinic"):
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a sub-command module that does not exist yet
            if exc.name != name:
                raise
            continue
        if mod.register not in _REGISTRARS:
            _REGISTRARS.append(mod.register)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``runmech`` command; returns the exit code."""
    _load_registrars()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except (ValueError, TypeError, FileNotFoundError) as exc:
        print(f"runmech {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

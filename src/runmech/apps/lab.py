"""``runmech lab``: JupyterLab on 127.0.0.1 at the start notebook (plotly's bundle shared: see apps.servers).

Also the small helpers the server commands share: is a port free, where are the notebooks, the busy-port message.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from runmech._validate import check_choice, check_int, check_path, check_text

__all__ = ["DEFAULT_PORT", "register", "port_is_free", "find_notebooks_dir", "check_port", "lab_command", "cmd_lab"]

DEFAULT_PORT = 8888


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether ``host:port`` can be bound right now.

    Parameters
    ----------
    port : int
        Port number, 0 to 65535 (0: any free port).
    host : str
        An IP address (``127.0.0.1``, ``::1``) or ``localhost``; never a name to look up (no network call).

    Examples
    --------
    >>> isinstance(port_is_free(0), bool)
    True
    """
    port = check_int("port", port, low=0, high=65535)
    host = check_text("host", host, max_chars=64, single_line=True)
    if host != "localhost":
        try:
            family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
        except ValueError:
            raise ValueError(f"host must be an IP address such as 127.0.0.1 or ::1, or localhost; got {host!r}") \
                from None
    else:
        family = socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
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
    start = check_path("start", start, allow_none=True)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks" / "00_start_here.ipynb").is_file():
            return folder / "notebooks"
    pkg_root = Path(__file__).resolve().parents[3]  # src/runmech/apps/lab.py -> the checkout
    if (pkg_root / "notebooks" / "00_start_here.ipynb").is_file():
        return pkg_root / "notebooks"
    raise FileNotFoundError(
        "the runmech notebooks were not found: run this command inside a runmech checkout (the folder with notebooks/)"
    )


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def check_port(port: int, command: str = "lab", make_variable: str = "PORT") -> int:
    """Check that ``port`` is a usable port on 127.0.0.1 and free; the message names the fix.

    Parameters
    ----------
    port : int
        Port number, 1024 to 65535.
    command : str
        The sub-command, for the message (``"lab"`` or ``"clinic"``).
    make_variable : str
        The make variable that sets this port (``PORT`` for lab, ``CLINIC_PORT`` for clinic).

    Returns
    -------
    int
        The port.

    Examples
    --------
    >>> check_port(80)
    Traceback (most recent call last):
    ...
    ValueError: --port must be a whole number from 1024 to 65535; got 80
    """
    command = check_choice("command", command, ("lab", "clinic"))
    make_variable = check_choice("make_variable", make_variable, ("PORT", "CLINIC_PORT"))
    if isinstance(port, bool) or not isinstance(port, int) or not 1024 <= port <= 65535:
        raise ValueError(f"--port must be a whole number from 1024 to 65535; got {port!r}")
    if not port_is_free(port):
        raise ValueError(
            f"port {port} on 127.0.0.1 is busy (another Jupyter, Voila or web server is using it). Stop that "
            f"server, or choose another port: runmech {command} --port {port + 1}   "
            f"(with make: make {command} {make_variable}={port + 1})"
        )
    return port


def lab_command(root: Path | str, port: int, token: str) -> list[str]:
    """The JupyterLab command of ``runmech lab``: plain JupyterLab on 127.0.0.1 that never looks online.

    JupyterLab listens on 127.0.0.1 only and never checks for updates or news online. The rest (plotly's bundle
    served once, culling, the kernel cap, no prompt asking about Jupyter news) comes from the configuration installed
    with runmech (:mod:`runmech.apps.servers`), exactly as for plain ``jupyter lab`` and Binder.

    Examples
    --------
    >>> cmd = lab_command("/tmp/kit", 8888, "abc")
    >>> "--ip=127.0.0.1" in cmd, "--IdentityProvider.token=abc" in cmd
    (True, True)
    """
    root, port = check_path("root", root), check_int("port", port, low=1, high=65535)
    if not isinstance(token, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,128}", token):
        raise ValueError(f"token must be 1 to 128 letters, digits, '_' or '-'; got {token!r}")
    return [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={int(port)}",
        "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *_root_flag(),
    ]


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab on 127.0.0.1 at the start notebook."""
    check_port(args.port, "lab")
    root = find_notebooks_dir().parent
    token = secrets.token_hex(16)
    url = f"http://127.0.0.1:{args.port}/lab/tree/notebooks/00_start_here.ipynb?token={token}"
    cmd = lab_command(root, args.port, token)
    cmd.append("--ServerApp.default_url=/lab/tree/notebooks/00_start_here.ipynb")
    print(f"runmech: starting JupyterLab (127.0.0.1 only). Open this address in your browser:\n\n    {url}\n\n"
          "runmech: stop it with Ctrl+C.", flush=True)
    return subprocess.call(cmd)


def register(subparsers) -> None:
    """Add the ``lab`` sub-command to the ``runmech`` command's sub-parsers.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="runmech")
    >>> register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["lab", "--port", "8899"]).port
    8899
    """
    lab = subparsers.add_parser("lab", help="start JupyterLab at the start notebook (127.0.0.1 only)")
    lab.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    lab.set_defaults(func=cmd_lab)

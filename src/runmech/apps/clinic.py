"""``runmech clinic``: serve the code-free dashboards (notebooks/clinic) with Voila on 127.0.0.1.

The landing page at ``http://127.0.0.1:PORT/`` lists the dashboards; each one opens without code, with large
controls and a text summary under every plot. Nothing is loaded from the internet, and a dashboard left alone for
ten minutes gives its kernel back (see :mod:`runmech.apps.servers`).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from runmech._validate import check_int, check_path
from runmech.apps.lab import check_port, find_notebooks_dir

__all__ = ["DEFAULT_PORT", "register", "clinic_dir", "dashboards", "dashboard_urls"]

DEFAULT_PORT = 8866
#: the order the landing page and the command list the dashboards in; any other notebook in the folder follows
ORDER = ("torso", "hips", "lower_leg", "dosing")


def clinic_dir(start: Path | None = None) -> Path:
    """The ``notebooks/clinic`` folder of the checkout containing ``start`` (default: the current folder).

    Examples
    --------
    >>> clinic_dir().parts[-2:]
    ('notebooks', 'clinic')
    """
    folder = find_notebooks_dir(start) / "clinic"
    if not folder.is_dir():
        raise FileNotFoundError(f"the clinic dashboards were not found: {folder} is missing")
    return folder


def dashboards(folder: Path | None = None) -> list[str]:
    """Names of the dashboards in ``folder`` (default :func:`clinic_dir`), landing-page order first.

    Examples
    --------
    >>> dashboards()[:3]
    ['torso', 'hips', 'lower_leg']
    """
    folder = check_path("folder", folder, allow_none=True) or clinic_dir()
    names = sorted(p.stem for p in folder.glob("*.ipynb") if not p.stem.startswith((".", "_")))
    return [n for n in ORDER if n in names] + [n for n in names if n not in ORDER]


def dashboard_urls(port: int, names: list[str]) -> dict[str, str]:
    """Address of the landing page (key ``""``) and of each dashboard on ``127.0.0.1:port``.

    Examples
    --------
    >>> dashboard_urls(8866, ["torso"])
    {'': 'http://127.0.0.1:8866/', 'torso': 'http://127.0.0.1:8866/voila/render/torso.ipynb'}
    """
    port = check_int("port", port, low=1, high=65535)
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) and re.fullmatch(r"[\w-]+", n)
                                                       for n in names):
        raise TypeError(f"names must be a list of dashboard names (letters, digits, '_', '-'); got {names!r}")
    base = f"http://127.0.0.1:{port}"
    return {"": f"{base}/", **{n: f"{base}/voila/render/{n}.ipynb" for n in names}}


def _wait_until_up(url: str, proc: subprocess.Popen, timeout_s: float = 60.0) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with opener.open(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.3)
    return False


def _cmd_clinic(args: argparse.Namespace) -> int:
    from runmech.apps.servers import CULL_IDLE_S, voila_command

    port = check_port(args.port, "clinic", "CLINIC_PORT")
    folder = clinic_dir()
    names = dashboards(folder)
    if args.open is not None and args.open not in names:
        raise ValueError(f"--open must be one of {', '.join(names)}; got {args.open!r}")
    env = None
    if args.allow_host:
        from runmech.apps.servers import ALLOWED_HOSTS_ENV, check_host_names

        env = {**os.environ, ALLOWED_HOSTS_ENV: ",".join(check_host_names("--allow-host", args.allow_host))}
    urls = dashboard_urls(port, names)
    width = max(len(n) for n in names) if names else 0
    lines = [f"runmech clinic: serving the dashboards on this computer only. Open {urls['']} in a browser.", ""]
    lines += [f"  {n:<{width}}  {urls[n]}" for n in names]
    lines += ["", f"Education only, not medical advice. Idle dashboards stop after {CULL_IDLE_S // 60} minutes (reload "
                  "the page to restart one). Press Ctrl+C here to stop the clinic.", ""]
    print("\n".join(lines), flush=True)
    proc = subprocess.Popen(voila_command(folder, port), cwd=folder, env=env)
    try:
        if args.open is not None and _wait_until_up(urls[""], proc):
            import webbrowser

            webbrowser.open(urls[args.open])
        return proc.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches Voila too (same process group); let it shut down its kernels
        try:
            proc.wait(timeout=15)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            proc.terminate()
        print("\nrunmech clinic: stopped.")
        return 0


def register(subparsers) -> None:
    """Add the ``clinic`` sub-command to the ``runmech`` command's sub-parsers.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="runmech")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["clinic", "--open", "hips"])
    >>> (args.port, args.open)
    (8866, 'hips')
    """
    p = subparsers.add_parser(
        "clinic",
        help="serve the code-free dashboards with Voila (127.0.0.1 only)",
        description="Serve the code-free dashboards (torso, hips, lower leg, dosing) with Voila on 127.0.0.1. "
        "Nothing is loaded from the internet. Education only, not medical advice.",
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    p.add_argument("--open", metavar="DASHBOARD", default=None,
                   help="open this dashboard in the default web browser once the server is up "
                        "(torso, hips, lower_leg or dosing)")
    p.add_argument("--allow-host", metavar="NAME", action="append", default=[],
                   help="also answer requests addressed to this host name (a hub or proxy in front of the clinic); "
                        "by default only 127.0.0.1, ::1 and localhost are answered. Repeat for more names.")
    p.set_defaults(func=_cmd_clinic)


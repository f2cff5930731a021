"""The Jupyter set-up installing runmech puts in the environment (runmech.apps.servers), checked without a browser.

The browser tests and the Binder rehearsal check the same set-up in running servers; these tests check the files
Jupyter and Voila read, and the kernel manager's cap and environment, in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from jupyter_core.paths import jupyter_config_path, jupyter_path
from traitlets import Unicode
from traitlets.config import Config, Configurable, PyFileConfigLoader

from runmech.apps import servers as server

PKG_SHARE = Path(server.__file__).resolve().parents[1] / "share"
PREFIX_ETC = Path(sys.prefix) / "etc" / "jupyter"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_installed_jupyter_files_match_the_source():
    # pip/uv copy these at install time (also for an editable install): a stale copy means a reinstall is due
    assert str(PREFIX_ETC) in [str(Path(p)) for p in jupyter_config_path()], "Jupyter does not search sys.prefix"
    ours = _files(PKG_SHARE / "etc" / "jupyter")
    assert set(ours) == {"voila.py", "jupyter_server_config.d/runmech.json",
                         "labconfig/page_config.d/runmech.json"}, sorted(ours)
    for name, data in ours.items():
        assert (PREFIX_ETC / name).read_bytes() == data, f"etc/jupyter/{name} is stale: reinstall runmech"
    template = PKG_SHARE / "jupyter" / "voila" / "templates" / "runmech"
    installed = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "runmech"
    assert str(Path(sys.prefix) / "share" / "jupyter") in [str(Path(p)) for p in jupyter_path()]
    assert _files(installed) == _files(template), "the installed Voila template is stale: reinstall runmech"


def test_jupyter_server_turns_the_extension_and_kernel_manager_on():
    conf = json.loads((PREFIX_ETC / "jupyter_server_config.d" / "runmech.json").read_text())
    assert conf["ServerApp"]["jpserver_extensions"] == {"runmech.apps.servers": True}
    assert conf["ServerApp"]["kernel_manager_class"] == "runmech.apps.servers.RoomKernelManager"
    assert server._jupyter_server_extension_points() == [{"module": "runmech.apps.servers"}]


def test_jupyterlab_reads_the_page_config_that_turns_the_news_prompt_off():
    # JupyterLab's announcements plugin asks "notified about official Jupyter news?" on every page until answered
    # (its fetchNews setting starts at "ask"; --LabApp.news_url=None only stops the server fetching). The installed
    # page config disables the plugin for every JupyterLab that reads this environment's config: plain `jupyter
    # lab`, `runmech lab`, Binder's `jupyter notebook`, JupyterHub's single-user servers
    from jupyterlab_server.config import get_page_config, get_static_page_config

    plugin = "@jupyterlab/apputils-extension:announcements"
    assert json.loads((PREFIX_ETC / "labconfig" / "page_config.d" / "runmech.json").read_text()) == {
        "disabledExtensions": {plugin: True}}
    assert get_static_page_config(level="all")["disabledExtensions"].get(plugin) is True
    assert plugin in get_page_config([], logger=None)["disabledExtensions"]  # the list LabApp gives its pages


def test_voila_reads_runmechs_settings_from_its_config_file():
    c = PyFileConfigLoader("voila.py", path=str(PREFIX_ETC)).load_config()  # as Voila loads it
    v = c.VoilaConfiguration
    assert (v.template, v.strip_sources, v.show_tracebacks, v.classic_tree) == ("runmech", True, False, True)
    assert v.multi_kernel_manager_class == "runmech.apps.servers.RoomKernelManager"
    assert v.extra_labextensions_path == [str(server.plotly_bundle().parent)]
    assert c.RoomKernelManager.plotly_url == server.VOILA_PLOTLY_ROUTE
    assert c.RoomKernelManager.cull_connected is True




class _Parent(Configurable):
    base_url = Unicode("/user/ana/")


def _fake_manager(monkeypatch, **kw) -> tuple[server.RoomKernelManager, list[dict]]:
    """A RoomKernelManager whose kernels are stand-ins (no process), recording the environment each one got."""
    started: list[dict] = []

    async def fake_start(self, *, kernel_id=None, path=None, **kwargs):
        if kernel_id in self._kernels:
            return kernel_id
        kid = f"k{len(started)}"
        started.append(kwargs["env"])
        await asyncio.sleep(0.01)  # a real start takes a while: others may ask meanwhile
        self._kernels[kid] = object()
        return kid

    monkeypatch.setattr(server.AsyncMappingKernelManager, "start_kernel", fake_start)
    km = server.RoomKernelManager(**kw)
    return km, started


def test_kernel_cap_refuses_the_next_kernel_with_a_503(monkeypatch):
    from tornado.web import HTTPError

    km, started = _fake_manager(monkeypatch, max_kernels=2)
    asyncio.run(km.start_kernel(kernel_name="python3"))
    asyncio.run(km.start_kernel(kernel_name="python3"))
    with pytest.raises(HTTPError) as err:
        asyncio.run(km.start_kernel(kernel_name="python3"))
    assert err.value.status_code == 503 and "room is full" in err.value.reason
    assert len(started) == 2
    # reconnecting to a running kernel is never refused
    assert asyncio.run(km.start_kernel(kernel_id="k0")) == "k0"


def test_kernels_asked_for_at_the_same_moment_count_against_the_cap(monkeypatch):
    from tornado.web import HTTPError

    km, started = _fake_manager(monkeypatch, max_kernels=3)

    async def five_at_once():
        return await asyncio.gather(*(km.start_kernel() for _ in range(5)), return_exceptions=True)

    results = asyncio.run(five_at_once())
    refused = [r for r in results if isinstance(r, HTTPError)]
    assert len(started) == 3 and len(refused) == 2 and all(r.status_code == 503 for r in refused), results


def test_kernels_get_the_bundle_address_under_the_base_url(monkeypatch):
    km, started = _fake_manager(monkeypatch, plotly_url=server.PLOTLY_ROUTE, kernel_env={"X_RUNMECH": "1"})
    km.parent = _Parent()
    asyncio.run(km.start_kernel(kernel_name="python3", env={"PATH": "/bin"}))
    assert started[0][server.ESM_URL_ENV] == "/user/ana/runmech/static/widgetbundle.js"
    assert started[0]["PATH"] == "/bin" and started[0]["X_RUNMECH"] == "1"


def test_no_cap_when_zero_and_defaults(monkeypatch):
    monkeypatch.delenv(server.MAX_KERNELS_ENV, raising=False)
    km = server.RoomKernelManager()
    assert (km.max_kernels, km.cull_idle_timeout, km.cull_interval, km.cull_connected) == (
        server.MAX_KERNELS, server.CULL_IDLE_S, server.CULL_INTERVAL_S, False)
    km, started = _fake_manager(monkeypatch, max_kernels=0)
    for _ in range(5):
        asyncio.run(km.start_kernel())
    assert len(started) == 5


def test_cap_from_the_environment_and_a_clear_error(monkeypatch):
    monkeypatch.setenv(server.MAX_KERNELS_ENV, "12")
    assert server.RoomKernelManager().max_kernels == 12
    monkeypatch.setenv(server.MAX_KERNELS_ENV, "lots")
    with pytest.raises(ValueError, match="RUNMECH_MAX_KERNELS.*'lots'"):
        server.RoomKernelManager().max_kernels  # noqa: B018


def test_voila_config_applies_to_a_fresh_config():
    c = Config()
    server.configure_voila(c)
    assert c.RoomKernelManager.kernel_env == {"JUPYTER_WIDGETS_ECHO": "0"}

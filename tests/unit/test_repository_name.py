"""The repository's GitHub name: one source (pyproject.toml's Source URL), and every copy agrees with it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _source_name(pyproject: str) -> str:
    return re.search(r'^Source = "https://github\.com/([^"]+)"', pyproject, re.M).group(1)


def test_binder_links_and_urls_use_the_source_name():
    name = _source_name((ROOT / "pyproject.toml").read_text())
    readme = (ROOT / "README.md").read_text()
    binder = re.findall(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme)
    assert len(binder) >= 4, "the README's Binder badge and links are missing"
    github = re.findall(r"github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)", readme + (ROOT / "pyproject.toml").read_text())
    assert set(binder) | {g.split("#")[0] for g in github} == {name}, (set(binder), set(github), name)


def test_make_fork_rewrites_every_copy(tmp_path):
    for f in ("Makefile", "README.md", "pyproject.toml"):
        shutil.copy(ROOT / f, tmp_path / f)
    res = subprocess.run(["make", "--no-print-directory", "fork", "REPO=ana-lab/runmech-fork"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    readme, pyproject = (tmp_path / "README.md").read_text(), (tmp_path / "pyproject.toml").read_text()
    assert _source_name(pyproject) == "ana-lab/runmech-fork"
    assert set(re.findall(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme)) == {"ana-lab/runmech-fork"}
    bad = subprocess.run(["make", "--no-print-directory", "fork", "REPO=not a name"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "REPO must be" in bad.stdout

"""The lock (binder/requirements.txt): complete, generated from pyproject.toml, and fit for repo2docker's base.

- every dependency in pyproject.toml is pinned, at a version its range allows;
- regenerating the lock the way ``make lock`` does, starting from the committed pins, changes nothing (so a
  dependency added, removed or re-ranged in pyproject.toml without ``make lock`` fails here);
- the Dockerfile that ``repo2docker --no-build`` prints installs the lock and runs postBuild, and the Jupyter
  packages of repo2docker's base environment that the lock does not replace still resolve together with the lock
  (repo2docker's notebook 7.4.x needs jupyterlab < 4.5: the lock must bring a notebook that accepts its jupyterlab).

The second and third tests ask PyPI (through uv) for package metadata, as ``make lock`` does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "binder" / "requirements.txt"
BIN = Path(sys.executable).parent
# what Binder runs: Linux, the Python of binder/runtime.txt
BINDER_PY = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
BINDER_ENV = {"python_version": BINDER_PY, "python_full_version": BINDER_PY + ".0", "sys_platform": "linux",
              "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64",
              "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def lock_pins(text: str, env: dict | None = BINDER_ENV) -> dict[str, str]:
    """Package -> pinned version of a uv lock, for the environment ``env`` (None: every line, with its marker)."""
    pins: dict[str, str] = {}
    for line in text.splitlines():
        m = PIN.match(line)
        if not m:
            continue
        name, version, marker = canonicalize_name(m.group(1)), m.group(2), m.group(3)
        if env is None:
            pins[f"{name} ; {marker}" if marker else name] = version
        elif marker is None or Marker(marker).evaluate(env):
            pins[name] = version
    return pins


def _uv() -> str:
    uv = BIN / "uv"
    assert uv.is_file(), "uv is missing from the environment (it is one of the test tools: make test installs it)"
    return str(uv)


def test_every_dependency_is_pinned_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["binder"]]
    pins = lock_pins(LOCK.read_text())
    assert len(pins) > 100, f"the lock pins only {len(pins)} packages: it is not complete"
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} (pyproject.toml) is missing from {LOCK.name}: run make lock"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{LOCK.name} pins {name}=={pins[name]}, outside pyproject.toml's range {req.specifier}: run make lock")
    text = LOCK.read_text()
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        if PIN.match(block.splitlines()[0]):
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"


def test_lock_is_what_make_lock_writes(tmp_path):
    fresh = tmp_path / "requirements.txt"
    shutil.copy(LOCK, fresh)  # uv keeps the pins it finds in the output file when they still fit
    make = (ROOT / "Makefile").read_text()
    args = re.search(r"uv pip compile (pyproject\.toml .*?) -o \$\(LOCK\)", make.replace("\\\n", " "), re.S).group(1)
    cmd = [_uv(), "pip", "compile", *re.findall(r'"[^"]*"|\S+', args)]
    cmd = [a.strip('"') for a in cmd] + ["-o", str(fresh)]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, f"uv could not compile pyproject.toml:\n{res.stderr[-3000:]}"
    old, new = lock_pins(LOCK.read_text(), env=None), lock_pins(fresh.read_text(), env=None)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    assert not (added or removed or changed), (
        f"{LOCK} no longer matches pyproject.toml (run make lock): added {added}, removed {removed}, "
        f"changed {[(k, old[k], new[k]) for k in changed]}")


def _decode_r2d_name(name: str) -> str:
    """repo2docker names copied build files by their path with each odd character as -XX (hex); undo that."""
    return re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), name.rsplit("-", 1)[0])


def _r2d_file(decoded: str) -> Path:
    """The file a decoded repo2docker build-file name stands for. The name keeps no case (a checkout under
    /tmp/tmp.NP3... comes back as /tmp/tmp.np3...), so an exact path that does not exist is looked up, ignoring case,
    among repo2docker's own files."""
    path = Path(decoded)
    if path.is_file():
        return path
    import repo2docker

    hits = [p for p in Path(repo2docker.__file__).parent.rglob(path.name) if str(p).lower() == decoded.lower()]
    return hits[0] if len(hits) == 1 else path


def test_repo2docker_dockerfile_installs_the_lock_and_fits_its_base(tmp_path):
    r2d = BIN / "repo2docker"
    assert r2d.is_file(), "repo2docker is missing (jupyter-repo2docker is a test tool: make test installs it)"
    res = subprocess.run([str(r2d), "--no-build", "--debug", "."], cwd=ROOT, capture_output=True, text=True,
                         timeout=180)
    assert res.returncode == 0, f"repo2docker rejected the repository's Binder files:\n{res.stderr[-3000:]}"
    dockerfile = res.stdout + res.stderr
    assert re.search(r'pip install --no-cache-dir -r "binder/requirements\.txt"', dockerfile), dockerfile[-3000:]
    assert "RUN ./binder/postBuild" in dockerfile
    assert re.search(r'^CMD \["jupyter", "notebook"', dockerfile, re.M), "repo2docker's image starts something else"
    # the base environment's lock, named in the Dockerfile's COPY line
    m = re.search(r"^COPY \S+ build_script_files/(\S*environment\S*?lock\S*) /tmp/env/environment\.lock", dockerfile,
                  re.M)
    assert m, "no base environment lock in repo2docker's Dockerfile"
    base_lock = _r2d_file(_decode_r2d_name(m.group(1)))
    assert base_lock.is_file(), base_lock
    base = {}
    for line in base_lock.read_text().splitlines():
        hit = re.search(r"/(?:noarch|linux-64)/([A-Za-z0-9_.-]+?)-(\d[^-]*)-[^-]+\.(?:conda|tar\.bz2)", line)
        if hit:
            base[canonicalize_name(hit.group(1))] = hit.group(2)
    # the Jupyter front ends and server pieces the base brings (conda names; jupyterhub-singleuser is jupyterhub's)
    front = {"notebook": "notebook", "jupyterlab": "jupyterlab", "jupyter-server": "jupyter-server",
             "jupyterhub-singleuser": "jupyterhub", "jupyter-offlinenotebook": "jupyter-offlinenotebook",
             "jupyter-resource-usage": "jupyter-resource-usage", "ipywidgets": "ipywidgets"}
    assert base.get("notebook") and base.get("jupyterlab"), sorted(base)[:40]
    pins = lock_pins(LOCK.read_text())
    after = {pypi: pins.get(pypi, base[conda]) for conda, pypi in front.items() if conda in base}
    kept = {k: v for k, v in after.items() if k not in pins}
    reqs = tmp_path / "after-postbuild.txt"
    reqs.write_text("".join(f"{k}=={v}\n" for k, v in {**pins, **kept}.items()))
    res = subprocess.run([_uv(), "pip", "compile", str(reqs), "--python-version", BINDER_PY, "--python-platform",
                          "x86_64-manylinux_2_28", "-q", "--no-header"], capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, (
        f"after pip installs {LOCK.name} over repo2docker's base, these base packages clash with the lock: "
        f"{kept}\n{res.stderr[-3000:]}")
    print(f"repo2docker base (from {base_lock.name}): {dict(sorted((k, base[k]) for k in front if k in base))}; "
          f"the lock replaces {sorted(k for k in after if k in pins)} and keeps {kept}")

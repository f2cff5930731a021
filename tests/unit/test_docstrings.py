"""Every public function and class documents an example, and every example runs (pyomeca's habit)."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import runmech

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(runmech.__path__, prefix="runmech.")
    if not m.name.split(".")[-1].startswith("_") or m.name.endswith("_validate") or m.name.endswith("_data")
)
# Entry points whose behaviour is a running server or a process: tested by the browser and CLI tests instead.
NO_EXAMPLE_NEEDED = {"runmech.apps.cli.main", "runmech.apps.lab.cmd_lab"}


def _public_callables(module):
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    for name in names:
        obj = getattr(module, name, None)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(obj, "__module__", "") == module.__name__:
            yield name, obj


@pytest.mark.parametrize("modname", MODULES)
def test_examples_run(modname):
    module = importlib.import_module(modname)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, modname, globs={**vars(module)}):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {modname}"


@pytest.mark.parametrize("modname", MODULES)
def test_public_callables_have_examples(modname):
    module = importlib.import_module(modname)
    missing = [
        f"{modname}.{name}" for name, obj in _public_callables(module)
        if f"{modname}.{name}" not in NO_EXAMPLE_NEEDED and "Examples" not in (inspect.getdoc(obj) or "")
    ]
    assert not missing, f"public callables without an Examples section: {missing}"


def test_at_least_the_core_modules_are_checked():
    assert {"runmech.units", "runmech._validate", "runmech.ui.style"} <= set(MODULES)

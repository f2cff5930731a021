"""Keep the first figure of a notebook or dashboard quick: defer one slow import that nothing here needs.

plotly's figure widget imports nbformat, which imports jsonschema, whose format checkers import ``rfc3987_syntax``
if it is installed (it comes with ``jsonschema[format-nongpl]``). That package builds an Earley parser for the IRI
grammar when it is imported: 1 to 4 seconds on a 2-core machine, paid by every kernel before its first plot, for a
check ("iri" string formats) that no runmech code and no notebook schema uses.

:func:`defer_rfc3987_syntax` puts a stand-in module in its place. jsonschema takes ``is_valid_syntax`` from it as
usual; the real package is imported the first time anything is actually asked of it, so every check still gives
the same answer, only the cost moves to the (rare) moment it is needed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

_NAME = "rfc3987_syntax"


def defer_rfc3987_syntax() -> bool:
    """Put a lazy stand-in for ``rfc3987_syntax`` in ``sys.modules``; True if it was installed.

    Does nothing when the package is missing, already imported, or jsonschema's format checkers are already loaded.
    """
    if _NAME in sys.modules or "jsonschema._format" in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(_NAME)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False

    stub = types.ModuleType(_NAME, "Lazy stand-in installed by runmech.ui; imports the real package on first use.")

    def _real() -> types.ModuleType:
        if sys.modules.get(_NAME) is stub:
            del sys.modules[_NAME]
        return importlib.import_module(_NAME)

    def is_valid_syntax(term, value):
        return _real().is_valid_syntax(term, value)

    def __getattr__(attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_real(), attr)

    stub.__path__ = list(spec.submodule_search_locations or [])  # its submodules still import normally
    stub.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    stub.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules[_NAME] = stub
    return True

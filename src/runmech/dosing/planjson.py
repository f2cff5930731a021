"""Reading plan files safely: what a plan's text fields may hold, and JSON that is refused with a clear message.

A plan file is small and flat (an object, a list of exercises, short lists inside), so anything unusual is a typing
slip or a hostile file. :func:`parse` accepts a UTF-8 byte-order mark and refuses, each with one sentence naming the
file and what to fix:

- text that is not JSON (with line and column), or not UTF-8;
- a key that appears twice in one object (with its JSON path, e.g. ``exercises[1].sets``);
- nesting deeper than :data:`MAX_DEPTH` (checked before parsing, so a file nested 100,000 deep is refused at
  once instead of exhausting Python's recursion);
- numbers with more than :data:`MAX_DIGITS` digits, and ``NaN`` or ``Infinity``.

:func:`check_text` refuses control characters (other than new lines and tabs in multi-line fields) and the
bidirectional embedding, override and isolate characters, which can make a handout read differently from the file.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "parse", "check_text", "check_date", "write_atomically"]

#: Deepest nesting of objects and lists a plan file may have (a plan needs 4).
MAX_DEPTH = 16
#: Most digits a number in a plan file may have.
MAX_DIGITS = 24

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}


class _Dup(dict):
    """An object that had a key twice (the key is kept to name it)."""

    def __init__(self, pairs, key):
        super().__init__(pairs)
        self.duplicate = key


def _pairs(pairs):
    seen = set()
    for k, _ in pairs:
        if k in seen:
            return _Dup(pairs, k)
        seen.add(k)
    return dict(pairs)


def _find_dup(node, path: str = "") -> str | None:
    if isinstance(node, _Dup):
        return f"{path}.{node.duplicate}" if path else node.duplicate
    if isinstance(node, dict):
        for k, v in node.items():
            found = _find_dup(v, f"{path}.{k}" if path else k)
            if found:
                return found
    if isinstance(node, list):
        for i, v in enumerate(node):
            found = _find_dup(v, f"{path}[{i}]")
            if found:
                return found
    return None


class _Refused(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"has a number with {len(text.lstrip('-'))} digits; plan values have at most {MAX_DIGITS}")
    return int(text)


def _float(text: str) -> float:
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS:
        raise _Refused(f"has a number with {digits} digits; plan values have at most {MAX_DIGITS}")
    return float(text)


def _constant(text: str):
    raise _Refused(f"has {text}, which is not a number a plan can hold")


def _depth(text: str) -> int:
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return depth
            deepest = max(deepest, depth)
        elif tok in "]}":
            depth -= 1
    return deepest


def parse(text: str | bytes, *, source: str | None = None) -> Any:
    """The JSON value of a plan file's ``text``, refused with a one-line message when it is not a sane plan file.

    Examples
    --------
    >>> parse(b'\\xef\\xbb\\xbf{"schema": "runmech.plan"}')["schema"]
    'runmech.plan'
    >>> parse('{"a": 1, "a": 2}', source="plan.json")
    Traceback (most recent call last):
    ...
    ValueError: plan.json: the key a appears twice; each field may be given once
    >>> parse("[" * 100_000 + "]" * 100_000, source="deep.json")
    Traceback (most recent call last):
    ...
    ValueError: deep.json: nests objects and lists more than 16 deep; a runmech plan needs 4 at most
    >>> parse('{"sets": ' + "9" * 5000 + "}", source="big.json")
    Traceback (most recent call last):
    ...
    ValueError: big.json: has a number with 5000 digits; plan values have at most 24
    """
    prefix = f"{source}: " if source else ""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{prefix}is not UTF-8 text (byte {exc.start + 1}), so it is not a runmech plan") from None
    if not isinstance(text, str):
        raise TypeError(f"{prefix}text must be JSON text; got {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    if _depth(text) > MAX_DEPTH:
        raise ValueError(f"{prefix}nests objects and lists more than {MAX_DEPTH} deep; a runmech plan needs 4 at most")
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_constant)
    except _Refused as exc:
        raise ValueError(f"{prefix}{exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{prefix}is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # anything else the decoder refuses, in one line
        raise ValueError(f"{prefix}is not a plan file JSON can read ({type(exc).__name__})") from None
    dup = _find_dup(data)
    if dup:
        raise ValueError(f"{prefix}the key {dup} appears twice; each field may be given once")
    return data


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}{' ' + name if name else ''}"


def check_text(name: str, value: Any, limit: int, *, multiline: bool = False) -> str:
    """Check a text field: a string of at most ``limit`` characters without control or direction-override marks.

    ``None`` means empty. In ``multiline`` fields new lines and tabs are allowed (``\\r\\n`` becomes ``\\n``).

    Examples
    --------
    >>> check_text("notes", "Line 1\\r\\nLine 2", 100, multiline=True)
    'Line 1\\nLine 2'
    >>> check_text("client", "Sam\\u202egnp.exe", 80)
    Traceback (most recent call last):
    ...
    ValueError: client must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 4), which can make the text read differently; remove it
    >>> check_text("client", "A\\x00B", 80)
    Traceback (most recent call last):
    ...
    ValueError: client must not contain the control character U+0000 (character 2); remove it
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text of at most {limit} characters; got {value!r} ({type(value).__name__})")
    text = value.replace("\r\n", "\n") if multiline else value
    if len(text) > limit:
        raise ValueError(f"{name} must be text of at most {limit} characters; got {len(text)} characters")
    for i, ch in enumerate(text):
        code = ord(ch)
        if code in _BIDI:
            raise ValueError(f"{name} must not contain {_describe(ch)} (character {i + 1}), which can make the "
                             "text read differently; remove it")
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\t"):
            what = "a new line" if ch in "\r\n" else f"the control character {_describe(ch)}"
            raise ValueError(f"{name} must not contain {what} (character {i + 1}); remove it")
    return text


def check_date(name: str, value: Any) -> str | None:
    """A date as ``YYYY-MM-DD`` (a ``datetime.date`` is accepted too); ``None`` or empty means no date.

    Examples
    --------
    >>> check_date("review_date", "2025-04-01"), check_date("date", None)
    ('2025-04-01', None)
    >>> check_date("date", "1/3/2025")
    Traceback (most recent call last):
    ...
    ValueError: date must be a date written YYYY-MM-DD; got '1/3/2025'
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a date written YYYY-MM-DD; got {value!r} ({type(value).__name__})")
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date written YYYY-MM-DD; got {value!r}") from None


def write_atomically(target: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` through a temporary file in the same folder, then move it into place.

    A reader never sees half a file, and a failed write leaves no temporary file behind. The folder must exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_atomically(pathlib.Path(tempfile.mkdtemp()) / "a.txt", "hello")
    >>> out.read_text(encoding="utf-8"), [p.name for p in out.parent.iterdir()]
    ('hello', ['a.txt'])
    """
    path = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path

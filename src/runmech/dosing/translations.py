"""The handout's translation catalogues: which English messages exist, and which a language still lacks.

English messages come from two places: the code (``_``, ``n_`` and ``N_`` calls in the dosing modules, found by
Babel's extractor) and the data the handout prints (exercise names and cues from ``data/exercises.csv``, what each
drawing shows from ``data/exercise_poses.csv``). A language is complete when its ``.po`` file translates every one
of them with the same ``{placeholders}``.

To add a language: ``python -m runmech.dosing.translations fr`` writes ``locale/fr/LC_MESSAGES/runmech.po`` with
every message (keeping translations already there); fill in the ``msgstr`` lines; the handout offers it at once.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from runmech._validate import check_choice
from runmech.dosing.wording import DOMAIN, LOCALE_DIR

__all__ = ["english_messages", "missing", "update_catalogue"]

_KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}
_SOURCES = ("wording.py", "handout.py", "drawings.py")
_FIELD = re.compile(r"\{[a-z_]+\}")


def english_messages() -> dict:
    """Every English message the handout can print: ``{msgid: where it comes from}``; plural ones as tuples.

    Examples
    --------
    >>> m = english_messages()
    >>> "Your exercise plan" in m, ("{n} set", "{n} sets") in m, "Glute bridge" in m
    (True, True, True)
    """
    from babel.messages.extract import extract_from_file

    from runmech.dosing import exercises, poses

    here = Path(__file__).resolve().parent
    out: dict = {}
    for name in _SOURCES:
        for lineno, msg, _comments, _ctx in extract_from_file("python", str(here / name), keywords=_KEYWORDS):
            if isinstance(msg, tuple) and len(msg) == 1:
                msg = msg[0]
            out.setdefault(msg, f"runmech/dosing/{name}:{lineno}")
    cat = exercises.catalogue()
    for _, row in cat.iterrows():
        out.setdefault(str(row["name"]), f"data/exercises.csv:{row['id']}")
        for cue in str(row["cues"]).split("|"):
            if cue.strip():
                out.setdefault(cue.strip(), f"data/exercises.csv:{row['id']}")
    for ex in poses.pose_ids():
        for text in poses.scene(ex).shows.values():
            out.setdefault(text, f"data/exercise_poses.csv:{ex}")
    return out


def _read(lang: str):
    from babel.messages import pofile

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return None
    with open(path, "rb") as f:
        return pofile.read_po(f, locale=lang)


def missing(lang: str) -> list[str]:
    """English messages that ``lang``'s catalogue leaves untranslated, fuzzy, or with other ``{placeholders}``.

    Examples
    --------
    >>> missing("es")
    []
    """
    from runmech.dosing.wording import languages

    code = check_choice("lang", lang, languages())
    cat = _read(code)
    out = []
    for msgid in english_messages():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = None if cat is None else cat.get(key)
        strings = [] if entry is None else (list(entry.string) if isinstance(entry.string, (tuple, list))
                                            else [entry.string])
        wanted = set(_FIELD.findall(" ".join(msgid) if isinstance(msgid, tuple) else msgid))

        def fits(s: str) -> bool:
            got = set(_FIELD.findall(s))
            return got <= wanted and wanted - {"{n}"} <= got

        if entry is None or entry.fuzzy or not strings or not all(s and fits(s) for s in strings):
            out.append(key)
    return out


def update_catalogue(lang: str, *, folder: str | Path | None = None) -> Path:
    """Write ``lang``'s ``.po`` file with every English message, keeping the translations it already has.

    ``folder`` is where to write ``<lang>/LC_MESSAGES/runmech.po`` (default: runmech's own ``locale`` folder).

    Examples
    --------
    >>> import tempfile
    >>> path = update_catalogue("es", folder=tempfile.mkdtemp())
    >>> path.name, 'msgstr "Tu plan de ejercicios"' in path.read_text(encoding="utf-8")
    ('runmech.po', True)
    """
    from babel.messages import pofile
    from babel.messages.catalog import Catalog

    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", str(lang)):
        raise ValueError(f"lang must be a language code such as 'fr' or 'pt_BR'; got {lang!r}")
    old = _read(lang)
    cat = Catalog(locale=lang, domain=DOMAIN, project="runmech", charset="utf-8")
    for msgid, origin in english_messages().items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        prev = None if old is None else old.get(key)
        string = prev.string if prev is not None else (("", "") if isinstance(msgid, tuple) else "")
        cat.add(msgid, string, locations=[(origin.split(":")[0], 0)], auto_comments=[origin])
    path = Path(folder or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pofile.write_po(f, cat, width=116, omit_header=False, sort_output=False, include_lineno=False)
    return path


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(update_catalogue(sys.argv[1] if len(sys.argv) > 1 else "es"))

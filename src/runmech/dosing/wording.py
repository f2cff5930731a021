"""Every client-facing sentence and number format of the dosing side, in one place, in the client's language.

The handout, the dashboards, the ``runmech dose`` command and the next-session advice all format numbers, loads and
doses here, so "12 kg (26.5 lb)" or "2–3 sets of 8–12 per side" is written one way everywhere. Typed reps are
parsed here too (:func:`parse_reps`), so the command line and the dashboards accept the same separators.

Languages are gettext catalogues (``runmech/dosing/locale/<language>/LC_MESSAGES/runmech.po``) read with Babel; a
further language is one more ``.po`` file, no code. English is the source text.

Nothing here computes a dose: the functions turn numbers that were already decided into words.
"""

from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from runmech._validate import check_choice, check_int, check_real
from runmech.constants import LB_PER_KG, LOAD_UNITS, MAX_LOAD_KG, MAX_SET_REPS, MAX_SETS

__all__ = ["Words", "languages", "translator", "number", "format_load", "span", "dose_in_words", "catalogue_dose_words",
           "rest_words", "tempo_words", "days_words", "date_words", "band_words", "parse_reps", "parse_loads",
           "N_"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "runmech"


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it (it is translated where it is shown).

    Examples
    --------
    >>> N_("start")
    'start'
    """
    return text


def languages() -> tuple[str, ...]:
    """The languages the handout can be written in: English and every catalogue in ``locale/``.

    Examples
    --------
    >>> languages()
    ('en', 'es')
    """
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return ("en", *[code for code in found if code != "en"])


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    import io

    from babel.messages import mofile, pofile

    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        cat = pofile.read_po(f, locale=lang)
    buf = io.BytesIO()
    mofile.write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


class Words:
    """Translation functions for one language: ``_`` (gettext) and ``n_`` (ngettext).

    Examples
    --------
    >>> t = translator("es")
    >>> t._("start"), t.n_("{n} set", "{n} sets", 2).format(n=2)
    ('inicio', '2 series')
    """

    def __init__(self, lang: str):
        self.lang = lang
        self._t = _catalogue(lang)

    def _(self, text: str) -> str:
        """The translation of ``text`` (the English text when there is none).

        Examples
        --------
        >>> translator("en")._("start")
        'start'
        """
        return self._t.gettext(text)

    def n_(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for a count of ``n``.

        Examples
        --------
        >>> translator("en").n_("{n} hold", "{n} holds", 1)
        '{n} hold'
        """
        return self._t.ngettext(singular, plural, n)


@lru_cache(maxsize=None)
def translator(lang: str = "en") -> Words:
    """The :class:`Words` of ``lang`` (one of :func:`languages`).

    Examples
    --------
    >>> translator("es")._("Your exercise plan")
    'Tu plan de ejercicios'
    >>> translator("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of 'en', 'es'; got 'fr'
    """
    return Words(check_choice("lang", lang, languages()))


def number(x: float, *, lang: str = "en", decimals: int = 1) -> str:
    """A number as the client reads it: at most ``decimals`` decimals, no trailing zeros, the language's comma.

    Examples
    --------
    >>> number(12.0), number(26.4555), number(26.4555, lang="es")
    ('12', '26.5', '26,5')
    >>> number(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: x must be a finite number; got nan
    """
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"x must be a finite number; got {x!r} ({type(x).__name__})")
    if not math.isfinite(float(x)):
        raise ValueError(f"x must be a finite number; got {x!r}")
    d = check_int("decimals", decimals, low=0, high=3)
    from babel.numbers import format_decimal

    pattern = "0" + ("." + "#" * d if d else "")
    text = format_decimal(round(float(x), d), format=pattern, locale=translator(lang).lang)
    return "0" if text in ("-0", "−0") else text


def format_load(load_kg: float, unit: str = "kg", *, lang: str = "en") -> str:
    """A load in the chosen unit first and the other in brackets, e.g. ``12 kg (26.5 lb)``.

    Parameters
    ----------
    load_kg : float
        Load [kg], 0 to 1000.
    unit : {"kg", "lb"}
        The unit shown first.
    lang : str
        One of :func:`languages`.

    Examples
    --------
    >>> format_load(12), format_load(12, "lb"), format_load(12.5, lang="es")
    ('12 kg (26.5 lb)', '26.5 lb (12 kg)', '12,5 kg (27,6 lb)')
    >>> format_load(12, "stone")
    Traceback (most recent call last):
    ...
    ValueError: unit must be one of 'kg', 'lb'; got 'stone'
    >>> format_load(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: load_kg must be a finite number from 0 to 1000 [kg]; got nan
    """
    u = check_choice("unit", unit, LOAD_UNITS)
    kg = check_real("load_kg", load_kg, low=0.0, high=MAX_LOAD_KG, unit="kg")
    k, p = number(kg, lang=lang), number(kg * LB_PER_KG, lang=lang)
    return f"{p} lb ({k} kg)" if u == "lb" else f"{k} kg ({p} lb)"


def span(low: int, high: int | None = None) -> str:
    """A whole-number range with an en dash, or one number when both ends agree.

    Examples
    --------
    >>> span(8, 12), span(3, 3), span(2)
    ('8–12', '3', '2')
    """
    lo = check_int("low", low)
    hi = lo if high is None else check_int("high", high, low=lo)
    return f"{lo}\u2013{hi}" if hi != lo else f"{lo}"


def band_words(colour: str, *, lang: str = "en") -> str:
    """A band named by its colour, e.g. ``the red band`` (``la banda roja``).

    Examples
    --------
    >>> band_words("red"), band_words("red", lang="es")
    ('the red band', 'la banda roja')
    """
    from runmech.dosing.elastic_bands import band_colours

    c = check_choice("colour", colour, band_colours())
    t = translator(lang)
    colours = {"tan": N_("tan"), "yellow": N_("yellow"), "red": N_("red"), "green": N_("green"),
               "blue": N_("blue"), "black": N_("black"), "silver": N_("silver"), "gold": N_("gold")}
    return t._("the {colour} band").format(colour=t._(colours.get(c, c)))


def _sets_reps(t: Words, dose_type: str, sets: int, sets_max: int, reps_low: int, reps_high: int,
               hold_s: float | None, per_side: bool, lang: str) -> str:
    s, r = span(sets, sets_max), span(reps_low, reps_high)
    if dose_type == "hold_s":
        hold = t._("{seconds} s").format(seconds=number(hold_s or 0, lang=lang))
        if reps_low == reps_high == 1:  # each set is one hold
            text = t.n_("{n} hold of {hold}", "{n} holds of {hold}", sets_max).format(n=s, hold=hold)
        elif sets == sets_max == 1:
            text = t.n_("{n} hold of {hold}", "{n} holds of {hold}", reps_high).format(n=r, hold=hold)
        else:
            text = t.n_("{n} set", "{n} sets", sets_max).format(n=s) + " " + \
                t.n_("of {n} hold of {hold}", "of {n} holds of {hold}", reps_high).format(n=r, hold=hold)
    else:
        text = t.n_("{n} set of {reps}", "{n} sets of {reps}", sets_max).format(n=s, reps=r)
    if per_side:
        text += " " + t._("per side")
    return text


def dose_in_words(item, unit: str = "kg", *, lang: str = "en") -> str:
    """The dose of one plan item in plain words (plain text, not escaped).

    ``item`` is a :class:`runmech.dosing.plan.PlanItem` (or anything with its fields).

    Examples
    --------
    >>> from runmech.dosing.plan import PlanItem
    >>> dose_in_words(PlanItem.from_catalogue("plank_row", load_kg=12))
    '2–3 sets of 8–12 per side with 12 kg (26.5 lb)'
    >>> dose_in_words(PlanItem.from_catalogue("thread_the_needle", extra_sets=1, extra_side="left"))
    '1–2 sets of 10–15 per side, 1 extra set on the left'
    >>> dose_in_words(PlanItem.from_catalogue("plank_hold"))
    '2–3 holds of 30 s'
    >>> dose_in_words(PlanItem.from_catalogue("standing_row", band="red"), lang="es")
    '2–3 series de 8–12 por lado con la banda roja'
    """
    from runmech.dosing import exercises

    u = check_choice("unit", unit, LOAD_UNITS)
    t = translator(lang)
    ex = exercises.get(item.exercise_id)
    text = _sets_reps(t, ex.dose_type, item.sets, item.sets_max, item.reps_low, item.reps_high, item.hold_s,
                      ex.per_side, lang)
    if item.load_kg is not None:
        text += " " + t._("with {load}").format(load=format_load(item.load_kg, u, lang=lang))
    elif item.band is not None:
        text += " " + t._("with {band}").format(band=band_words(item.band, lang=lang))
    elif ex.dose_type == "load_rm":
        text += " " + t._("with a load you can lift only {reps} times").format(reps=span(item.reps_low,
                                                                                          item.reps_high))
    if item.extra_sets:
        side = t._("left") if item.extra_side == "left" else t._("right")
        text += ", " + t.n_("{n} extra set on the {side}", "{n} extra sets on the {side}",
                            item.extra_sets).format(n=item.extra_sets, side=side)
    return text


def catalogue_dose_words(row: Mapping, *, lang: str = "en") -> str:
    """A catalogue row's starting dose in words (the same sentence as :func:`dose_in_words`, without a load).

    Examples
    --------
    >>> catalogue_dose_words({"dose_type": "load_rm", "default_sets": 2, "default_sets_max": 3,
    ...                       "default_reps_low": 8, "default_reps_high": 12, "per_side": False})
    '2–3 sets of 8–12 with a load you can lift only 8–12 times'
    >>> catalogue_dose_words({"dose_type": "hold_s", "default_sets": 2, "default_sets_max": 3, "default_reps_low": 1,
    ...                       "default_reps_high": 1, "default_hold_s": 30, "per_side": False})
    '2–3 holds of 30 s'
    """
    def get(key, default=None):
        v = row.get(key, default) if hasattr(row, "get") else getattr(row, key, default)
        return default if v is None or (isinstance(v, float) and math.isnan(v)) else v

    t = translator(lang)
    kind = str(get("dose_type", ""))
    sets, sets_max = int(get("default_sets")), int(get("default_sets_max", get("default_sets")))
    lo, hi = int(get("default_reps_low")), int(get("default_reps_high", get("default_reps_low")))
    text = _sets_reps(t, kind, sets, sets_max, lo, hi, get("default_hold_s"), bool(get("per_side", False)), lang)
    if kind == "load_rm":
        text += " " + t._("with a load you can lift only {reps} times").format(reps=span(lo, hi))
    return text


def rest_words(rest_s: float, *, lang: str = "en") -> str:
    """Rest between sets in words, in seconds below two minutes and minutes above.

    Examples
    --------
    >>> rest_words(90), rest_words(120), rest_words(150, lang="es")
    ('rest 90 s between sets', 'rest 2 min between sets', 'descansa 2,5 min entre series')
    """
    r = check_real("rest_s", rest_s, low=0.0, high=600.0, unit="s")
    t = translator(lang)
    amount = t._("{seconds} s").format(seconds=number(r, lang=lang)) if r < 120 else \
        t._("{minutes} min").format(minutes=number(r / 60, lang=lang))
    return t._("rest {time} between sets").format(time=amount)


def tempo_words(tempo: Sequence[int], *, lang: str = "en") -> str:
    """A tempo (seconds to move, to hold, to come back) in words.

    Examples
    --------
    >>> tempo_words((2, 1, 3))
    'tempo: 2 s to move, 1 s hold, 3 s back'
    """
    if isinstance(tempo, (str, bytes)) or not isinstance(tempo, Sequence) or len(tempo) != 3:
        raise TypeError(f"tempo must be three whole numbers of seconds (move, hold, back); got {tempo!r}")
    a, b, c = (check_int(f"tempo[{i}]", v, low=0, high=10, unit="s") for i, v in enumerate(tempo))
    return translator(lang)._("tempo: {move} s to move, {hold} s hold, {back} s back").format(move=a, hold=b, back=c)


def days_words(days: int, *, lang: str = "en") -> str:
    """How many days a week, e.g. ``3 days a week``.

    Examples
    --------
    >>> days_words(1), days_words(3), days_words(2, lang="es")
    ('1 day a week', '3 days a week', '2 días a la semana')
    """
    d = check_int("days", days, low=1, high=7)
    return translator(lang).n_("{n} day a week", "{n} days a week", d).format(n=d)


def date_words(date: str | _dt.date, *, lang: str = "en") -> str:
    """A date written out for the client, e.g. ``March 1, 2025`` (``1 de marzo de 2025``).

    Examples
    --------
    >>> date_words("2025-03-01"), date_words("2025-03-01", lang="es")
    ('March 1, 2025', '1 de marzo de 2025')
    """
    from babel.dates import format_date

    d = date if isinstance(date, _dt.date) else _dt.date.fromisoformat(str(date))
    return format_date(d, format="long", locale=translator(lang).lang)


_SEP = re.compile(r"[,;\s]+")


def _numbers(text: str, name: str, convert, example: str) -> list:
    parts = [p for p in _SEP.split(str(text).strip()) if p]
    msg = f"{name} must be {example}; got {text!r}"
    try:
        values = [convert(p) for p in parts]
    except ValueError:
        raise ValueError(msg) from None
    if not values:
        raise ValueError(msg)
    return values


def parse_reps(text: str, name: str = "reps") -> list[int]:
    """Reps per set typed as ``12, 12, 10`` (commas, semicolons or spaces) -> whole numbers, 1 to 10 sets of 1-50.

    Examples
    --------
    >>> parse_reps("12, 12,10"), parse_reps("12 12; 10")
    ([12, 12, 10], [12, 12, 10])
    >>> parse_reps("12,x", "--reps")
    Traceback (most recent call last):
    ...
    ValueError: --reps must be whole numbers separated by commas, e.g. 12, 12, 10; got '12,x'
    """
    values = _numbers(text, name, int, "whole numbers separated by commas, e.g. 12, 12, 10")
    if len(values) > MAX_SETS:
        raise ValueError(f"{name} must list 1 to {MAX_SETS} sets; got {len(values)}")
    return [check_int(f"{name} (set {i + 1})", v, low=1, high=MAX_SET_REPS) for i, v in enumerate(values)]


def parse_loads(text: str, name: str = "loads") -> list[float]:
    """Loads typed as ``2, 4, 6.5`` (commas, semicolons or spaces) -> finite numbers above 0.

    Examples
    --------
    >>> parse_loads("2, 4 6.5")
    [2.0, 4.0, 6.5]
    """
    values = _numbers(text, name, float, "numbers separated by commas, e.g. 2, 4, 6, 8")
    if not all(math.isfinite(v) and v > 0 for v in values):
        raise ValueError(f"{name} must be numbers above 0 separated by commas, e.g. 2, 4, 6, 8; got {text!r}")
    return values

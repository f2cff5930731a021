"""The ``runmech dose`` and ``runmech handout`` commands.

``runmech dose 1rm --load 40 --reps 10 [--method brzycki] [--lb] [--all]``
    estimate a one-repetition maximum;
``runmech dose next --load 20 --reps 12,12,12 --easy``
    the article's rules for the next session;
``runmech dose mobility --left 40 --right 32``
    sets and reps per side, with the extra set on the more limited side;
``runmech dose band --colour red [--stretch 150] [--next]``
    force of a band colour, and the next band up;
``runmech handout plan.json -o handout.html``
    a printable one-page handout from a saved plan.

Every command takes ``--json`` for machine-readable output. Typing errors are reported in one line naming the
option, the value and what is allowed (exit code 2).
"""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

from runmech.constants import LB_PER_KG

__all__ = ["register", "parse_reps", "parse_loads"]

_FORMATTER = argparse.RawDescriptionHelpFormatter


def parse_reps(text: str) -> list[int]:
    """Reps per set typed as ``12,12,10`` (commas, semicolons or spaces) -> whole numbers (:func:`wording.parse_reps`).

    Examples
    --------
    >>> parse_reps("12, 12,10")
    [12, 12, 10]
    >>> parse_reps("12,x")
    Traceback (most recent call last):
    ...
    ValueError: --reps must be whole numbers separated by commas, e.g. 12, 12, 10; got '12,x'
    """
    from runmech.dosing.wording import parse_reps as _parse

    return _parse(text, "--reps")


def parse_loads(text: str, option: str = "--dumbbells") -> list[float]:
    """Loads typed as ``2,4,6,8`` -> numbers (:func:`runmech.dosing.wording.parse_loads`).

    Examples
    --------
    >>> parse_loads("2, 4,6.5")
    [2.0, 4.0, 6.5]
    """
    from runmech.dosing.wording import parse_loads as _parse

    return _parse(text, option)


def _emit(args: argparse.Namespace, data: dict, text: str) -> int:
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(text)
    return 0


def _load_kg(args: argparse.Namespace, value: float, option: str) -> float:
    from runmech._validate import check_real
    from runmech.constants import KG_PER_LB

    unit = "lb" if args.lb else "kg"
    high = 1000.0 if unit == "kg" else 2204.0
    v = check_real(option, value, low=0.0, high=high, unit=unit, low_inclusive=False)
    return v * KG_PER_LB if args.lb else v


def _both(kg: float, lb_first: bool) -> str:
    from runmech.dosing.wording import format_load

    return format_load(kg, "lb" if lb_first else "kg")


# --- dose 1rm ----------------------------------------------------------------------------------------------------
def cmd_1rm(args: argparse.Namespace) -> int:
    """``runmech dose 1rm``: estimated one-repetition maximum.

    Examples
    --------
    >>> ns = argparse.Namespace(load=40.0, reps=10, method="epley", lb=False, all=False, json=False)
    >>> cmd_1rm(ns)
    Estimated 1RM (Epley): 53.3 kg (117.6 lb) from 40 kg (88.2 lb) x 10 reps.
    Estimates are a starting guess: people differ widely in how many reps they manage at a given share of their 1RM.
    0
    """
    from runmech import dosing
    from runmech._validate import check_int
    from runmech.dosing.strength import normalise_method, rep_limits

    w = _load_kg(args, args.load, "--load")
    method = normalise_method(args.method, name="--method")
    reps = check_int("--reps", args.reps, low=1, high=rep_limits(method)[1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", dosing.DosingWarning)
        one = dosing.estimate_1rm(w, reps, method=method)
    note = str(caught[0].message) if caught else None
    table = dosing.one_rm_table(w, reps)
    label = table.set_index("method").loc[method, "label"]
    data = dict(method=method, load_kg=w, load_lb=w * LB_PER_KG, reps=reps, one_rm_kg=one,
                one_rm_lb=one * LB_PER_KG, within_validated_range=note is None, note=note)
    lines = [f"Estimated 1RM ({label}): {_both(one, args.lb)} from {_both(w, args.lb)} x {reps} reps."]
    if args.all:
        data["all_methods"] = [
            dict(method=r.method, one_rm_kg=r.one_rm_kg, one_rm_lb=r.one_rm_lb,
                 within_validated_range=bool(r.within_validated)) for r in table.itertuples()]
        lines.append("By every method:")
        for r in table.itertuples():
            flag = "" if r.within_validated else "   (past its validated range)"
            lines.append(f"  {r.label:<11} {_both(r.one_rm_kg, args.lb)}{flag}")
    if note:
        lines.append(f"Note: {note}.")
    lines.append("Estimates are a starting guess: people differ widely in how many reps they manage at a given "
                 "share of their 1RM.")
    return _emit(args, data, "\n".join(lines))


# --- dose next ---------------------------------------------------------------------------------------------------
def _parse_range(text: str) -> tuple[int, int]:
    parts = str(text).replace("\u2013", "-").split("-")
    try:
        lo, hi = (int(p.strip()) for p in parts)
    except ValueError:
        raise ValueError(f"--range must be two whole numbers like 8-12; got {text!r}") from None
    return lo, hi


def cmd_next(args: argparse.Namespace) -> int:
    """``runmech dose next``: what to do next session.

    Examples
    --------
    >>> ns = argparse.Namespace(load=20.0, reps="12,12,12", easy=True, hard=False, rir=None, rpe=None,
    ...                         range="8-12", increment=None, dumbbells=None, band=None, lb=False, json=False)
    >>> cmd_next(ns)
    Go heavier: 22 kg (48.5 lb), 3 sets of 8-12 reps.
    3 sets of 12 were easy, so go up to 22 kg (48.5 lb) and aim for 3 sets of 8-12.
    0
    """
    from runmech import dosing

    reps = parse_reps(args.reps)
    easy = True if args.easy else (False if args.hard else None)
    unit = "lb" if args.lb else "kg"
    if args.load is not None:
        load = _load_kg(args, args.load, "--load")
    elif args.band:
        load = None  # the band's chart force stands in for the load
    else:
        raise ValueError("--load is required (the load used this session), unless --band is given")
    inc = None if args.increment is None else _load_kg(args, args.increment, "--increment")
    eq = None if args.dumbbells is None else [_load_kg(args, x, "--dumbbells") for x in parse_loads(args.dumbbells)]
    rec = dosing.next_session(load, reps, rep_range=_parse_range(args.range), easy=easy, rir=args.rir,
                              rpe=args.rpe, increment_kg=inc, equipment=eq, unit=unit, band=args.band)
    verb = {"lighter": "Go lighter", "heavier": "Go heavier", "build": "Same load", "hold": "Same load"}[rec.rule]
    what = f"the {rec.band} band" if rec.band else _both(rec.load_kg, args.lb)
    text = f"{verb}: {what}, {rec.sets} sets of {rec.reps_low}-{rec.reps_high} reps.\n{rec.reason}"
    return _emit(args, rec.to_dict(), text)


# --- dose mobility -----------------------------------------------------------------------------------------------
def cmd_mobility(args: argparse.Namespace) -> int:
    """``runmech dose mobility``: sets and reps per side.

    Examples
    --------
    >>> cmd_mobility(argparse.Namespace(left=40.0, right=32.0, limited=None, json=False))
    Left: 1-2 sets of 10-15. Right: 2-3 sets of 10-15.
    Do 1-2 sets of 10-15 on each side and 1 extra set on the right, which moves 8 degrees less.
    0
    """
    from runmech import dosing

    if (args.left is None) != (args.right is None):
        raise ValueError("--left and --right go together: give both measured ranges (degrees), or --limited")
    d = dosing.mobility_dose(rom_left_deg=args.left, rom_right_deg=args.right, limited_side=args.limited)
    (ll, lh), (rl, rh) = d.sets_for("left"), d.sets_for("right")
    text = (f"Left: {ll}-{lh} sets of {d.reps_low}-{d.reps_high}. Right: {rl}-{rh} sets of "
            f"{d.reps_low}-{d.reps_high}.\n{d.reason}")
    return _emit(args, d.to_dict(), text)


# --- dose band ---------------------------------------------------------------------------------------------------
def cmd_band(args: argparse.Namespace) -> int:
    """``runmech dose band``: force of a band colour (and the next band up).

    Examples
    --------
    >>> cmd_band(argparse.Namespace(colour="red", stretch=100.0, next=True, json=False))
    red band at 100 % stretch: about 1.7 kg (3.7 lb) of pull (16.5 N).
    Next band up: green, about 2.1 kg (4.6 lb) of pull.
    0
    """
    from runmech import dosing

    if args.colour is None:
        t = dosing.bands()
        rows = [dict(colour=r.colour, force_kg_100pct=r.force_kg_100pct, force_lb_100pct=r.force_lb_100pct,
                     force_kg_200pct=r.force_kg_200pct, force_lb_200pct=r.force_lb_200pct) for r in t.itertuples()]
        lines = ["Band colours, lightest first (chart force at 100 % / 200 % stretch):"]
        lines += [f"  {r['colour']:<7} {_both(r['force_kg_100pct'], False)} / {_both(r['force_kg_200pct'], False)}"
                  for r in rows]
        lines.append("Measured forces are lower than the manufacturer's chart; use it as a guide.")
        return _emit(args, {"bands": rows}, "\n".join(lines))
    from runmech.dosing.wording import number

    kg = dosing.band_force(args.colour, elongation_pct=args.stretch)
    colour = args.colour.strip().lower()
    data = dict(colour=colour, elongation_pct=args.stretch, force_kg=kg, force_lb=kg * LB_PER_KG,
                force_N=dosing.band_force(colour, elongation_pct=args.stretch, unit="N"))
    lines = [f"{colour} band at {number(args.stretch)} % stretch: about {_both(kg, False)} of pull "
             f"({data['force_N']:.1f} N)."]
    if args.next:
        nxt = dosing.next_band(colour)
        data["next_band"] = nxt
        if nxt is None:
            lines.append(f"{colour} is the heaviest band: fold it double or move to a cable or dumbbell.")
        else:
            nkg = dosing.band_force(nxt, elongation_pct=args.stretch)
            data["next_force_kg"] = nkg
            data["next_force_lb"] = nkg * LB_PER_KG
            lines.append(f"Next band up: {nxt}, about {_both(nkg, False)} of pull.")
    return _emit(args, data, "\n".join(lines))


# --- handout -----------------------------------------------------------------------------------------------------
def cmd_handout(args: argparse.Namespace) -> int:
    """``runmech handout plan.json -o handout.html [--force]``: the printable page of a saved plan.

    The handout is written to a temporary file beside the target and moved into place. An existing file is replaced
    only with ``--force``, and no folder is created: every problem is one sentence naming the file (exit code 2).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from runmech import Plan
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> plan_file = Plan(client="Sam").add("open_book").save(folder / "plan.json")
    >>> cmd_handout(argparse.Namespace(plan=str(plan_file), output=None, force=False, json=False))  # doctest: +ELLIPSIS
    Wrote the handout for Sam (1 exercise) to .../plan.html; open it in a browser and print it.
    0
    >>> cmd_handout(argparse.Namespace(plan=str(plan_file), output=None, force=False, json=False))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: -o .../plan.html already exists; add --force to replace it, or choose another name
    """
    from runmech.dosing.handout import MAX_ONE_PAGE, save_html
    from runmech.dosing.plan import Plan

    src = Path(args.plan)
    try:
        plan = Plan.load(src)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ValueError(f"could not read the plan {str(src)!r}: {exc.strerror or exc}") from None
    out = Path(args.output) if args.output else src.with_suffix(".html")
    if out.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"-o must end in .html; got {str(out)!r}")
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise ValueError(f"-o must name a different file than the plan itself; got {str(out)!r}")
    try:
        save_html(plan, out, overwrite=bool(getattr(args, "force", False)))
    except FileExistsError:
        raise ValueError(f"-o {out} already exists; add --force to replace it, or choose another name") from None
    except IsADirectoryError:
        raise ValueError(f"-o {out} is a folder; name a file ending in .html") from None
    except FileNotFoundError:
        raise ValueError(f"-o {out}: the folder {str(out.parent)!r} does not exist; create it first (runmech does "
                         "not create folders)") from None
    except OSError as exc:
        raise ValueError(f"could not write the handout to {str(out)!r}: {exc.strerror or exc}; choose a folder "
                         "you can write to") from None
    n = len(plan.exercises)
    who = f" for {plan.client}" if plan.client else ""
    data = dict(plan=str(src), output=str(out), exercises=n, client=plan.client)
    text = (f"Wrote the handout{who} ({n} exercise{'s' if n != 1 else ''}) to {out}; open it in a browser "
            "and print it.")
    if n > MAX_ONE_PAGE:
        text += f" More than {MAX_ONE_PAGE} exercises print on two pages."
    return _emit(args, data, text)


# --- parser ------------------------------------------------------------------------------------------------------
_DOSE_EPILOG = """\
The article's rules are the defaults:
  strength  a load that allows only 8-12 reps; at least 2 sets; once 3 sets of 12 are easy, go heavier
  mobility  1-2 sets of 10-15 per side, one extra set on the more limited side

examples:
  runmech dose 1rm --load 40 --reps 10
  runmech dose 1rm --load 90 --reps 8 --lb --all
  runmech dose next --load 20 --reps 12,12,12 --easy
  runmech dose next --load 20 --reps 12,12,12 --rir 3 --dumbbells 16,18,20,22.5,25
  runmech dose mobility --left 40 --right 32
  runmech dose band --colour red --next

Education only, not medical advice.
"""


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print the result as JSON (for scripts)")


def _command(sub, name: str, func, *, help: str, description: str, examples: tuple[str, ...]):  # noqa: A002
    """A sub-command with its description, its examples as the epilog, ``--json`` and the function it runs."""
    p = sub.add_parser(name, help=help, description=description, formatter_class=_FORMATTER,
                       epilog="examples:\n" + "\n".join(f"  {e}" for e in examples))
    _add_json(p)
    p.set_defaults(func=func)
    return p


def register(subparsers) -> None:
    """Add the ``dose`` (with ``1rm``, ``next``, ``mobility``, ``band``) and ``handout`` sub-commands.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="runmech")
    >>> register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["dose", "1rm", "--load", "40", "--reps", "10"]).method
    'epley'
    """
    from runmech import dosing

    dose = subparsers.add_parser(
        "dose", help="exercise-dosing calculators: 1RM, next session, mobility sets, bands",
        description="Dose strength and mobility work with the torso article's rules and the published 1RM "
                    "equations. Loads are kilograms unless you add --lb.",
        epilog=_DOSE_EPILOG, formatter_class=_FORMATTER)
    dose.set_defaults(func=lambda a: (dose.print_help(), 0)[1])
    sub = dose.add_subparsers(dest="dose_command", metavar="CALCULATOR")

    p = _command(
        sub, "1rm", cmd_1rm,
        help="estimate a one-repetition maximum (1RM) from a set taken close to failure",
        description="Estimate the heaviest load you could lift once (1RM) from a load and the reps you managed "
                    "with it. Seven published equations and the NSCA %1RM chart are available; they agree up to "
                    "about 10 reps and spread apart beyond, so past a method's validated range you get a note "
                    "(and past 30 reps, or the chart's 15, an error).",
        examples=(
                 'runmech dose 1rm --load 40 --reps 10',
                 'runmech dose 1rm --load 40 --reps 10 --method brzycki',
                 'runmech dose 1rm --load 90 --reps 8 --lb --all --json',))
    p.add_argument("--load", type=float, required=True, help="load lifted (kilograms, or pounds with --lb)")
    p.add_argument("--reps", type=int, required=True, help="reps completed with it (1 to 30)")
    p.add_argument("--method", default="epley",
                   help=f"equation or chart: {', '.join(dosing.methods())} (default epley)")
    p.add_argument("--lb", action="store_true", help="loads in pounds (input and output first)")
    p.add_argument("--all", action="store_true", help="also show the 1RM by every method")

    p = _command(
        sub, "next", cmd_next,
        help="what to do next session: lighter, same, or heavier (the article's rules)",
        description="Apply the article's strength rules to this session. Fewer than 8 reps in your best set: go "
                    "lighter. In the 8-12 range: same load, build reps and sets (at least 2). 3 sets of 12 done "
                    "easily: go heavier, in steps you can actually load (about 5 %, rounded to your dumbbells, "
                    "to 2.5/5 lb steps with --lb, or the next band colour). Say how the last set felt with --easy "
                    "or --hard, --rir (reps you had left; 2 or more is easy) or --rpe (6-10; 8 or lower is easy). "
                    "Without a rating, every set at least one rep past 12 counts as easy.",
        examples=(
                 'runmech dose next --load 20 --reps 12,12,12 --easy',
                 'runmech dose next --load 20 --reps 7,6',
                 'runmech dose next --load 45 --reps 12,12,12 --rpe 7 --lb',
                 'runmech dose next --band red --reps 12,12,12 --rir 3',))
    p.add_argument("--load", type=float, help="load used this session (kilograms, or pounds with --lb)")
    p.add_argument("--reps", required=True, help="reps done in each set, separated by commas, e.g. 12,12,10")
    effort = p.add_mutually_exclusive_group()
    effort.add_argument("--easy", action="store_true", help="the last set felt easy")
    effort.add_argument("--hard", action="store_true", help="the last set was hard (nothing left)")
    effort.add_argument("--rir", type=int, help="reps in reserve after the last set (0-10)")
    effort.add_argument("--rpe", type=float, help="rating of perceived exertion of the last set (6-10)")
    p.add_argument("--range", default="8-12", help="target reps per set (default 8-12)")
    p.add_argument("--increment", type=float, help="fixed load step instead of about 5 %% (kg, or lb with --lb)")
    p.add_argument("--dumbbells", help="loads you own, separated by commas, e.g. 2,4,6,8,10 (kg, or lb with --lb)")
    p.add_argument("--band", help=f"band colour used instead of a load: {', '.join(dosing.band_colours())}")
    p.add_argument("--lb", action="store_true", help="loads in pounds")

    p = _command(
        sub, "mobility", cmd_mobility,
        help="sets and reps per side for a mobility exercise",
        description="The article's mobility dose: 1-2 sets of 10-15 per side, one extra set on the more limited "
                    "side. Give the range measured on each side (degrees) and runmech decides which side is "
                    "limited: at least 5 degrees and 10 % less than the other side (runmech's threshold). Or name "
                    "the side with --limited. The 10-15 reps and the extra set are practice conventions, not tested "
                    "rules.",
        examples=(
                 'runmech dose mobility --left 40 --right 32',
                 'runmech dose mobility --limited left',))
    p.add_argument("--left", type=float, help="range of motion on the left (degrees)")
    p.add_argument("--right", type=float, help="range of motion on the right (degrees)")
    p.add_argument("--limited", help="the more limited side: left, right or none (instead of --left/--right)")

    p = _command(
        sub, "band", cmd_band,
        help="force of a resistance band colour, and the next band up",
        description="Chart force of an elastic band of a given colour at a given stretch (100 % = twice its "
                    "resting length), in kilograms, pounds and newtons. Without --colour, list every colour. "
                    "Measured forces are lower than the manufacturer's chart; treat it as a guide.",
        examples=(
                 'runmech dose band',
                 'runmech dose band --colour red --stretch 150 --next',))
    p.add_argument("--colour", "--color", dest="colour", help=f"one of {', '.join(dosing.band_colours())}")
    p.add_argument("--stretch", type=float, default=100.0, help="stretch in %% of resting length, 0-200 (default 100)")
    p.add_argument("--next", action="store_true", help="also show the next heavier band")

    h = _command(
        subparsers, "handout", cmd_handout,
        help="turn a saved plan (JSON) into a printable one-page handout (HTML)",
        description="Write a one-page handout for a client from a plan saved by runmech (Plan.save or the plan "
                    "builder's download). The page is self-contained: it opens offline, loads nothing from the "
                    "internet and can be printed from any browser. The plan file is only read.",
        examples=(
                 'runmech handout plan.json -o handout.html',
                 'runmech handout plan.json   (writes plan.html next to it)',))
    h.add_argument("plan", help="the plan file (.json)")
    h.add_argument("-o", "--output", help="where to write the handout (.html; default: the plan's name with .html)")
    h.add_argument("--force", action="store_true", help="replace the handout if the file already exists")

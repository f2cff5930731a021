"""Mobility doses: the torso article's sets and reps per side, with the extra set on the stiffer side."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from runmech._validate import check_choice, check_real
from runmech.dosing.strength import _rules


@dataclass(frozen=True)
class MobilityDose:
    """Sets and reps per side for a mobility exercise.

    Attributes
    ----------
    sets_low, sets_high : int
        Sets on each side (1-2 by default).
    reps_low, reps_high : int
        Repetitions per side in each set (10-15 by default).
    limited_side : {"left", "right"} or None
        The side that gets the extra set(s).
    extra_sets : int
        Extra sets on the limited side (0 when neither side is limited).
    rom_difference_deg : float or None
        Measured difference in range of motion [deg], when ranges were given.
    reason : str
        One plain sentence.

    Examples
    --------
    >>> d = mobility_dose(rom_left_deg=40, rom_right_deg=32)
    >>> d.limited_side, d.sets_for("right"), d.sets_for("left")
    ('right', (2, 3), (1, 2))
    """

    sets_low: int
    sets_high: int
    reps_low: int
    reps_high: int
    limited_side: str | None
    extra_sets: int
    rom_difference_deg: float | None
    reason: str

    def sets_for(self, side: str) -> tuple[int, int]:
        """Sets (fewest, most) for ``side`` ("left" or "right").

        Examples
        --------
        >>> mobility_dose(limited_side="left").sets_for("left")
        (2, 3)
        """
        s = check_choice("side", side, ("left", "right"))
        extra = self.extra_sets if s == self.limited_side else 0
        return self.sets_low + extra, self.sets_high + extra

    def to_dict(self) -> dict:
        """Plain dict (for JSON), with the sets of each side.

        Examples
        --------
        >>> mobility_dose().to_dict()["sets_left"]
        [1, 2]
        """
        d = asdict(self)
        d["sets_left"] = list(self.sets_for("left"))
        d["sets_right"] = list(self.sets_for("right"))
        return d


def mobility_dose(
    *,
    rom_left_deg: float | None = None,
    rom_right_deg: float | None = None,
    limited_side: str | None = None,
) -> MobilityDose:
    """The article's mobility dose: 1-2 sets of 10-15 per side, one extra set on the more limited side.

    Give either both measured ranges or ``limited_side`` (or neither). From measured ranges, a side counts as more
    limited only when its range is at least 5 degrees **and** at least 10 % of the larger range smaller (about the
    error of a goniometer reading, and the 90 % limb-symmetry convention borrowed from return-to-sport testing;
    both are runmech's choices, in ``data/dosing_rules.csv``). The 10-15 reps and the extra set are practice
    conventions, not tested rules.

    Parameters
    ----------
    rom_left_deg, rom_right_deg : float, optional
        Range of motion measured on each side [deg], above 0 and at most 180.
    limited_side : {"left", "right", "none"}, optional
        Name the limited side directly instead.

    Examples
    --------
    >>> d = mobility_dose(rom_left_deg=40, rom_right_deg=32)
    >>> d.limited_side, d.extra_sets, d.reason
    ('right', 1, 'Do 1-2 sets of 10-15 on each side and 1 extra set on the right, which moves 8 degrees less.')
    >>> mobility_dose(rom_left_deg=40, rom_right_deg=37).limited_side is None
    True
    >>> mobility_dose(limited_side="up")
    Traceback (most recent call last):
    ...
    ValueError: limited_side must be one of 'left', 'right', 'none'; got 'up'
    """
    rr = _rules()
    sl, sh = int(rr["mobility_sets_low"]), int(rr["mobility_sets_high"])
    rl, rh = int(rr["mobility_reps_low"]), int(rr["mobility_reps_high"])
    extra = int(rr["mobility_extra_sets"])
    base = f"Do {sl}-{sh} sets of {rl}-{rh} on each side"
    rom_left_deg = check_real("rom_left_deg", rom_left_deg, low=0.0, high=180.0, unit="deg", low_inclusive=False,
                              allow_none=True)
    rom_right_deg = check_real("rom_right_deg", rom_right_deg, low=0.0, high=180.0, unit="deg",
                               low_inclusive=False, allow_none=True)
    has_rom = rom_left_deg is not None or rom_right_deg is not None
    if has_rom and limited_side is not None:
        raise ValueError("give measured ranges (rom_left_deg and rom_right_deg) or limited_side, not both")
    if has_rom:
        if rom_left_deg is None or rom_right_deg is None:
            missing = "rom_right_deg" if rom_right_deg is None else "rom_left_deg"
            raise TypeError(f"{missing} must be a finite number above 0 [deg] and at most 180 when the other side "
                            f"is given; got None")
        left = check_real("rom_left_deg", rom_left_deg, low=0.0, high=180.0, unit="deg", low_inclusive=False)
        right = check_real("rom_right_deg", rom_right_deg, low=0.0, high=180.0, unit="deg", low_inclusive=False)
        diff = abs(left - right)
        big = max(left, right)
        limited = diff >= rr["limited_min_difference_deg"] and diff >= rr["limited_min_difference_pct"] / 100 * big
        side = ("left" if left < right else "right") if limited else None
        d = f"{diff:.0f}" if float(diff).is_integer() else f"{diff:.1f}"
        if side is None:
            reason = (f"{base}; the sides differ by {d} degrees, too little to call one side limited.")
        else:
            reason = f"{base} and {extra} extra set on the {side}, which moves {d} degrees less."
        return MobilityDose(sl, sh, rl, rh, side, extra if side else 0, diff, reason)
    side = check_choice("limited_side", limited_side, ("left", "right", "none"), allow_none=True)
    if side in (None, "none"):
        return MobilityDose(sl, sh, rl, rh, None, 0, None, f"{base}.")
    return MobilityDose(sl, sh, rl, rh, side, extra, None,
                        f"{base} and {extra} extra set on the {side}, the more limited side.")

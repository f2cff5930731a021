"""The runner's body: segment masses, lengths and inertias from de Leva (1996).

A :class:`Runner` holds the three things a user types in (mass, height, sex). Everything else the model needs about
the body is derived from de Leva's adjustments of Zatsiorsky–Seluyanov's segment parameters
(``data/segments_de_leva_1996.csv``), with segment lengths scaled by height relative to de Leva's reference subject.

Model parameters that are not segment data (fitted coefficients, estimates) live in ``data/model_parameters.csv``;
:func:`runmech.model.parameters.model_parameters` returns them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from runmech._data import read_table
from runmech._validate import check_choice, check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.parameters import _p

__all__ = ["Runner", "segment_table"]



def segment_table(sex: str = "male") -> pd.DataFrame:
    """de Leva's (1996) segment table for one sex, indexed by segment name.

    Parameters
    ----------
    sex : {"male", "female"}
        Which of de Leva's two tables.

    Returns
    -------
    pandas.DataFrame
        ``mass_pct`` [% body mass], ``com_pct`` [% of length from the proximal end], radii of gyration
        ``r_*_pct`` [% of length] and ``length_mm`` [mm] of the reference subject.

    Examples
    --------
    >>> round(float(segment_table("male").loc["thigh", "mass_pct"]), 2)
    14.16
    """
    sex = check_choice("sex", sex, ["male", "female"])
    table = read_table("segments_de_leva_1996.csv")
    return table[table["sex"] == sex].set_index("segment").drop(columns=["sex"])


class _Geometry(NamedTuple):
    mass: float
    height: float
    leg_length: float
    m_leg: float  # one whole leg [kg]
    r_leg: float  # hip to leg centre of mass, leg straight [m]
    i_leg_hip: float  # leg about the hip, sagittal, leg straight [kg m^2]
    m_arm: float  # one arm [kg]
    r_arm: float  # shoulder to arm centre of mass, elbow at 90 deg [m]
    m_shank_foot: float
    m_thigh: float
    m_head: float
    m_thorax: float  # upper + mid trunk [kg]
    m_pelvis: float  # lower trunk [kg]
    i_thorax: float  # upper + mid trunk + head about the vertical [kg m^2]
    i_pelvis: float  # lower trunk about the vertical [kg m^2]
    hip_half_width: float
    shoulder_half_width: float


class _Scaled:
    """de Leva's (1996) segment table scaled to one body: the one place segment masses, lengths, centres and own
    inertias are worked out (the body's geometry, the frontal and the transverse models read them here)."""

    def __init__(self, mass: float, height: float, sex: str):
        self.seg = segment_table(sex)
        self.mass = mass
        self.scale = height / _p(f"reference_height_{sex}_m")

    def m(self, name: str) -> float:
        """Segment mass [kg]."""
        return self.mass * float(self.seg.loc[name, "mass_pct"]) / 100.0

    def length(self, name: str) -> float:
        """Segment length [m]."""
        return float(self.seg.loc[name, "length_mm"]) / 1000.0 * self.scale

    def com(self, name: str) -> float:
        """Distance of the segment's centre from its upper end [m]."""
        return self.length(name) * float(self.seg.loc[name, "com_pct"]) / 100.0

    def own(self, name: str, axis: str) -> float:
        """The segment's own inertia about its centre, about ``axis`` [kg m^2]."""
        return self.m(name) * (self.length(name) * float(self.seg.loc[name, f"r_{axis}_pct"]) / 100.0) ** 2


@lru_cache(maxsize=256)
def _geometry(mass: float, height: float, sex: str) -> _Geometry:
    body = _Scaled(mass, height, sex)
    m, length, com, i_own = body.m, body.length, body.com, body.own

    # leg, straight, about the hip (sagittal axis)
    lt, ls = length("thigh"), length("shank")
    parts = [
        (m("thigh"), com("thigh"), i_own("thigh", "sagittal")),
        (m("shank"), lt + com("shank"), i_own("shank", "sagittal")),
        (m("foot"), lt + ls, i_own("foot", "sagittal")),
    ]
    m_leg = sum(p[0] for p in parts)
    r_leg = sum(p[0] * p[1] for p in parts) / m_leg
    i_leg_hip = sum(p[2] + p[0] * p[1] ** 2 for p in parts)

    # arm with the elbow at 90 degrees: forearm and hand point forward from the elbow
    lu = length("upper_arm")
    m_ua, m_fa, m_h = m("upper_arm"), m("forearm"), m("hand")
    fa_out = com("forearm")
    h_out = length("forearm") + com("hand")
    x = (m_fa * fa_out + m_h * h_out) / (m_ua + m_fa + m_h)
    z = (m_ua * com("upper_arm") + (m_fa + m_h) * lu) / (m_ua + m_fa + m_h)
    r_arm = math.hypot(x, z)

    i_thorax = i_own("upper_trunk", "longitudinal") + i_own("mid_trunk", "longitudinal") + i_own("head", "longitudinal")
    return _Geometry(
        mass=mass,
        height=height,
        leg_length=_p("leg_length_per_height") * height,
        m_leg=m_leg,
        r_leg=r_leg,
        i_leg_hip=i_leg_hip,
        m_arm=m_ua + m_fa + m_h,
        r_arm=r_arm,
        m_shank_foot=m("shank") + m("foot"),
        m_thigh=m("thigh"),
        m_head=m("head"),
        m_thorax=m("upper_trunk") + m("mid_trunk"),
        m_pelvis=m("lower_trunk"),
        i_thorax=i_thorax,
        i_pelvis=i_own("lower_trunk", "longitudinal"),
        hip_half_width=_p("hip_half_width_per_height") * height,
        shoulder_half_width=_p("shoulder_half_width_per_height") * height,
    )


@dataclass(frozen=True)
class Runner:
    """A runner's body: mass, height and sex, with segments from de Leva (1996).

    Parameters
    ----------
    mass_kg : float
        Body mass [kg], 20 to 250.
    height_m : float
        Standing height [m], 1.0 to 2.3. Segment lengths scale with height.
    sex : {"male", "female"}
        Selects de Leva's male or female segment table.

    Attributes
    ----------
    weight_N : float
        Body weight [N].
    leg_length_m : float
        Hip-to-ground leg length [m] (a fixed fraction of height, Winter 2009).
    segments : pandas.DataFrame
        Per segment: ``mass_kg``, ``length_m``, ``com_m`` (from the proximal end) and the moment of inertia about the
        segment's long axis ``inertia_long_kg_m2`` [kg m^2].

    Examples
    --------
    >>> runner = Runner(mass_kg=73.0, height_m=1.74, sex="male")
    >>> round(runner.weight_N)
    716
    >>> round(float(runner.segments.loc["thigh", "mass_kg"]), 2)
    10.34
    """

    mass_kg: float = 73.0
    height_m: float = 1.74
    sex: str = "male"
    _geo: _Geometry = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mass_kg", check_real("mass_kg", self.mass_kg, low=20, high=250, unit="kg"))
        object.__setattr__(self, "height_m", check_real("height_m", self.height_m, low=1.0, high=2.3, unit="m"))
        object.__setattr__(self, "sex", check_choice("sex", self.sex, ["male", "female"]))
        object.__setattr__(self, "_geo", _geometry(self.mass_kg, self.height_m, self.sex))

    @property
    def weight_N(self) -> float:
        """Body weight [N]."""
        return self.mass_kg * GRAVITY_M_S2

    @property
    def leg_length_m(self) -> float:
        """Leg length, greater trochanter to floor [m]."""
        return self._geo.leg_length

    @property
    def segments(self) -> pd.DataFrame:
        """Segment masses [kg], lengths [m], centre-of-mass distances [m] and long-axis inertias [kg m^2]."""
        seg = segment_table(self.sex)
        scale = self.height_m / _p(f"reference_height_{self.sex}_m")
        length = seg["length_mm"] / 1000.0 * scale
        mass = self.mass_kg * seg["mass_pct"] / 100.0
        return pd.DataFrame(
            {
                "mass_kg": mass,
                "length_m": length,
                "com_m": length * seg["com_pct"] / 100.0,
                "inertia_long_kg_m2": mass * (length * seg["r_longitudinal_pct"] / 100.0) ** 2,
            }
        )



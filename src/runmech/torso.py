"""Transverse plane: how legs, pelvis, thorax and arms share angular momentum about the vertical.

Sign convention (seen from above): a positive yaw angle means the segment is rotated to the left, i.e. its right side
(right shoulder, right hip) is forward. Angular momentum about the vertical is positive for the same sense.

The chain of reasoning, segment by segment:

Legs
    Each leg's centre of mass swings fore and aft with the hip angle at a lateral distance from the body's midline
    (half the hip-joint spacing). A leg moving forward on the right side turns the body to the left:
    ``H_leg = m_leg * d_hip * v_fore_aft`` (right), with the opposite sign on the left.
Pelvis
    Yaws with the legs (right hip forward at right foot strike, Saunders et al. 2005), with a range that grows with
    stride length (fitted to Fukuchi et al. 2017 data). The legs' masses ride along with this rotation.
Arms
    Swing opposite to the leg on the same side; amplitude is a published typical range times the ``arm_swing`` knob.
    ``arm_swing = 0`` means the arms stay still relative to the thorax (they still turn with it).
Thorax
    Turns with a phase relative to the pelvis taken from data (``thorax_pelvis_phase_deg``; not a hard-coded 180 deg).
    Its amplitude is whatever best cancels the rest of the body's angular momentum (least squares over the stride):
    the body keeps its net vertical angular momentum small (Hinrichs 1987; Hamner et al. 2010). With the arms still,
    the thorax has to turn more, as Arellano & Kram (2014) found.
Lumbar axial torque
    The time derivative of the angular momentum of everything above the lumbar spine (thorax, head and arms).
"""

from __future__ import annotations

import numpy as np

__all__ = ["periodic_derivative", "first_harmonic_phase_deg"]


def periodic_derivative(y, period_s):
    """Time derivative of a signal sampled over one period, closed ends (last sample repeats the first).

    Parameters
    ----------
    y : numpy.ndarray
        Samples along the last axis, ``y[..., -1] == y[..., 0]``.
    period_s : float or numpy.ndarray
        Period [s]; broadcast against ``y[..., :1]``.

    Returns
    -------
    numpy.ndarray
        dy/dt with the same shape as ``y`` (central differences, wrapping around the period).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 1, 101)
    >>> d = periodic_derivative(np.sin(2 * np.pi * t), 1.0)
    >>> round(float(d[0]), 2)
    6.28
    """
    y = _finite_array("y", y)
    if y.shape[-1] < 3:
        raise ValueError(f"y must have at least 3 samples along its last axis; got shape {y.shape}")
    period = _finite_array("period_s", period_s)
    if np.any(period <= 0):
        raise ValueError(f"period_s must be positive [s]; got {period_s!r}")
    return _periodic_derivative(y, period)


def _periodic_derivative(y, period_s):
    core = y[..., :-1]
    n = core.shape[-1]
    dt = np.asarray(period_s, dtype=float) / n
    d = (np.roll(core, -1, axis=-1) - np.roll(core, 1, axis=-1)) / (2.0 * dt)
    return np.concatenate([d, d[..., :1]], axis=-1)


def _finite_array(name, value):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a finite number or array of finite numbers; got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain finite numbers only; got {value!r}")
    return arr


def first_harmonic_phase_deg(y):
    """Phase [deg] of the first harmonic of a closed periodic signal (0 = cosine peak at the start).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 1, 101)
    >>> round(float(first_harmonic_phase_deg(np.cos(2 * np.pi * (t - 0.25)))))
    90
    """
    y = _finite_array("y", y)
    if y.ndim == 0 or y.shape[-1] < 3:
        raise ValueError(f"y must hold at least 3 samples of one closed period; got {y.shape}")
    y = y[..., :-1]
    n = y.shape[-1]
    k = np.exp(-2j * np.pi * np.arange(n) / n)
    c = (y * k).sum(axis=-1)
    return np.degrees(-np.angle(c)) % 360.0


def _h1(y):
    y = np.asarray(y, dtype=float)[..., :-1]
    n = y.shape[-1]
    return (y * np.exp(-2j * np.pi * np.arange(n) / n)).sum(axis=-1)


def _skew(theta, amp, a):
    """Make the negative (rightward) peak larger by factor (1 + a/2) and the positive one smaller, smoothly."""
    safe = np.where(np.abs(amp) > 1e-12, np.abs(amp), 1.0)
    u = theta / safe
    return theta - 0.5 * a * safe * u * u

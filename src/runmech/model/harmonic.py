"""Harmonic balance: the periodic steady state of a linear mass–spring–damper system driven once per stride.

A body driven by forces that repeat every stride settles, once its start-up has died away, into motion that repeats
every stride too. Writing every signal as a sum of harmonics of the stride frequency, ``x(t) = sum X_h e^(i h w t)``,
turns the equations of motion ``M x'' + C x' + K x = f(t)`` into one small linear system per harmonic,

    (K - (h w)^2 M + i h w C) X_h = F_h,

solved here for all speeds and harmonics at once (numpy's batched ``solve``). Two kinds of term are not of that form:

- a spring that acts only part of the stride (the planted foot holding the pelvis through the hip rotators) is
  linear but not time-invariant: it couples harmonics. :func:`real_basis` gives the matrices that carry such an
  operator, written on the samples, into harmonic coordinates, where it is solved exactly;
- a weakly nonlinear term (a spine that is stiffer to one side) is handled by fixed-point iteration: its torque is
  evaluated on the current motion, turned into harmonics, and moved to the right-hand side until the motion stops
  changing.

Signals are sampled at the model's 101 stride phases (the last sample repeats the first), arrays ``(n, 101)``.
"""

from __future__ import annotations

import numpy as np

from runmech._validate import check_array, shown

__all__ = ["N_HARMONICS", "derivative", "harmonics", "real_basis", "signal", "solve_linear"]

#: Harmonics of the stride frequency kept (the model's inputs carry almost nothing above the 15th).
N_HARMONICS = 16

_N = 100  # samples per stride without the repeated last one
_K = np.arange(1, N_HARMONICS + 1)
_PHASE = np.arange(_N + 1) / _N
_BASIS = np.exp(2j * np.pi * np.outer(_K, _PHASE))  # (H, 101): e^(i h 2 pi phase)
# real and imaginary parts kept apart: a complex matrix product goes through a BLAS routine that some builds run
# many times slower than two real ones
_BASIS_RE, _BASIS_IM = 2.0 * _BASIS.real.copy(), 2.0 * _BASIS.imag.copy()


def harmonics(y):
    """Complex amplitudes of harmonics 1..N of a closed periodic signal (mean left out).

    Parameters
    ----------
    y : numpy.ndarray
        Samples over one stride along the last axis, ``(..., 101)``, last sample = first.

    Returns
    -------
    numpy.ndarray
        ``(..., N_HARMONICS)`` complex, such that ``y = mean + 2 Re(sum Y_h e^(i h 2 pi phase))``.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.linspace(0, 1, 101)
    >>> c = harmonics(3 * np.cos(2 * np.pi * p))
    >>> round(float(abs(c[0])) * 2, 6)
    3.0
    """
    y = check_array("y", y, allow_scalar=False)
    if y.shape[-1] != _N + 1:
        raise ValueError(f"y must hold {_N + 1} samples (one stride, last = first) along its last axis; got shape "
                         f"{y.shape}")
    return _harmonics(y)


def _harmonics(y):
    """:func:`harmonics` without argument checks (the model's own arrays)."""
    f = np.fft.rfft(y[..., :_N], axis=-1) / _N
    return f[..., 1:N_HARMONICS + 1]


def _check_amplitudes(name, c, min_ndim=1, axis=-1):
    """Harmonic amplitudes: finite real or complex numbers with ``N_HARMONICS`` of them along ``axis``."""
    try:
        arr = np.asarray(c) if isinstance(c, (np.ndarray, list, tuple)) else None
    except (TypeError, ValueError):  # ragged nesting
        arr = None
    if arr is None or (arr.dtype.kind not in "fc" and not (arr.dtype.kind in "iu" and arr.size)):
        raise TypeError(f"{name} must be an array of harmonic amplitudes (real or complex numbers); got {shown(c)}")
    if arr.ndim < min_ndim or arr.shape[axis] != N_HARMONICS:
        raise ValueError(f"{name} must hold {N_HARMONICS} harmonics along axis {axis} (at least {min_ndim} axes); "
                         f"got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must hold finite numbers only; got {shown(c)}")
    return arr


def signal(c, mean=0.0):
    """The closed periodic signal ``(..., 101)`` of harmonic amplitudes ``c`` (the inverse of :func:`harmonics`).

    Examples
    --------
    >>> import numpy as np
    >>> p = np.linspace(0, 1, 101)
    >>> y = np.sin(2 * np.pi * p) + 0.5
    >>> bool(np.allclose(signal(harmonics(y), 0.5), y))
    True
    """
    c = _check_amplitudes("c", c)
    mean = check_array("mean", mean)
    try:
        fits = np.broadcast_shapes(mean.shape, c.shape[:-1]) == c.shape[:-1] or mean.ndim == 0
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"mean must be one number or broadcast against c[..., 0] (shape {c.shape[:-1]}); got shape "
                         f"{mean.shape}")
    return _signal(c, mean)


def _signal(c, mean=0.0):
    """:func:`signal` without argument checks (the model's own arrays)."""
    c = np.asarray(c)
    # the real and imaginary parts as contiguous arrays: matmul takes its fast path (the same products and sums)
    re, im = np.ascontiguousarray(c.real), np.ascontiguousarray(c.imag)
    return np.asarray(mean, dtype=float)[..., None] + (re @ _BASIS_RE - im @ _BASIS_IM)


def real_basis():
    """Matrices between a zero-mean periodic signal's samples and its harmonics in real coordinates.

    A signal's harmonics ``X_h`` are written as one real vector ``v = (Re X_1..Re X_H, Im X_1..Im X_H)``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(S, P)``: ``S`` (100, 2H) turns ``v`` into the 100 samples of one stride (without the repeated last one),
        ``P`` (2H, 100) turns samples into ``v`` (``P @ S`` is the identity). An operator ``A`` acting on samples
        acts on harmonics as ``P @ A @ S``.

    Examples
    --------
    >>> import numpy as np
    >>> S, P = real_basis()
    >>> bool(np.allclose(P @ S, np.eye(2 * N_HARMONICS)))
    True
    """
    return _S, _P


_ANGLE = 2.0 * np.pi * np.outer(np.arange(_N), _K) / _N  # (100, H)
_S = np.concatenate([2.0 * np.cos(_ANGLE), -2.0 * np.sin(_ANGLE)], axis=1)
_P = np.concatenate([np.cos(_ANGLE).T, -np.sin(_ANGLE).T], axis=0) / _N


def solve_linear(mass, damping, stiffness, force, omega):
    """Periodic response ``X_h`` of ``M x'' + C x' + K x = f`` harmonic by harmonic.

    Parameters
    ----------
    mass, damping, stiffness : numpy.ndarray
        ``(n, d, d)`` matrices [kg m^2, N m s, N m per unit of each coordinate].
    force : numpy.ndarray
        ``(n, N_HARMONICS, d)`` complex harmonic amplitudes of the generalised forces.
    omega : numpy.ndarray
        ``(n,)`` stride angular frequency [rad / s].

    Returns
    -------
    numpy.ndarray
        ``(n, N_HARMONICS, d)`` complex amplitudes of the coordinates.

    Examples
    --------
    >>> import numpy as np
    >>> m, c, k = np.ones((1, 1, 1)), np.zeros((1, 1, 1)), 2.5 * np.ones((1, 1, 1))
    >>> f = np.zeros((1, N_HARMONICS, 1), complex); f[0, 0, 0] = 3.0
    >>> x = solve_linear(m, c, k, f, np.array([1.0]))
    >>> round(float(x[0, 0, 0].real), 6)   # 3 / (2.5 - 1)
    2.0
    """
    mats = {}
    for name, value in (("mass", mass), ("damping", damping), ("stiffness", stiffness)):
        arr = check_array(name, value, allow_scalar=False)
        if arr.ndim != 3 or arr.shape[1] != arr.shape[2]:
            raise ValueError(f"{name} must be a stack of square matrices, shape (n, d, d); got shape {arr.shape}")
        mats[name] = arr
    mass, damping, stiffness = mats["mass"], mats["damping"], mats["stiffness"]
    if not mass.shape == damping.shape == stiffness.shape:
        raise ValueError(f"mass, damping and stiffness must have one shape (n, d, d); got {mass.shape}, "
                         f"{damping.shape}, {stiffness.shape}")
    force = _check_amplitudes("force", force, min_ndim=3, axis=1)
    n, d = mass.shape[0], mass.shape[1]
    if force.shape != (n, N_HARMONICS, d):
        raise ValueError(f"force must have shape (n, N_HARMONICS, d) = {(n, N_HARMONICS, d)}; got {force.shape}")
    omega = check_array("omega", omega, low=0.0, low_inclusive=False, unit="rad/s", allow_scalar=False)
    if omega.shape != (n,):
        raise ValueError(f"omega must hold one stride frequency per system, shape ({n},); got shape {omega.shape}")
    w = omega[:, None, None, None] * _K[None, :, None, None]
    z = stiffness[:, None] - w**2 * mass[:, None] + 1j * w * damping[:, None]
    return np.linalg.solve(z, force[..., None])[..., 0]


def derivative(c, omega):
    """Harmonic amplitudes of the time derivative: ``i h w X_h`` (``omega`` of shape ``(n,)``).

    Examples
    --------
    >>> import numpy as np
    >>> c = np.zeros((1, N_HARMONICS), complex); c[0, 0] = 1.0
    >>> complex(derivative(c, np.array([2.0]))[0, 0])
    2j
    """
    c = _check_amplitudes("c", c, min_ndim=2, axis=1)
    omega = check_array("omega", omega, low=0.0, unit="rad/s", allow_scalar=False)
    if omega.shape != c.shape[:1]:
        raise ValueError(f"omega must hold one stride frequency per row of c, shape {c.shape[:1]}; got shape "
                         f"{omega.shape}")
    k = _K.reshape((1, -1) + (1,) * (np.ndim(c) - 2))
    return 1j * k * omega.reshape((-1,) + (1,) * (np.ndim(c) - 1)) * c

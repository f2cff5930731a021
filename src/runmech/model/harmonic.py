"""Harmonic balance: the periodic steady state of a linear mass–spring–damper system driven once per stride.

A body driven by forces that repeat every stride settles, once its start-up has died away, into motion that repeats
every stride too. Writing every signal as a sum of harmonics of the stride frequency, ``x(t) = sum X_h e^(i h w t)``,
turns the equations of motion ``M x'' + C x' + K x = f(t)`` into one small linear system per harmonic,

    (K - (h w)^2 M + i h w C) X_h = F_h,

solved here for all speeds and harmonics at once (numpy's batched ``solve``). A weakly nonlinear term (a spine that
is stiffer to one side) is handled by fixed-point iteration: its torque is evaluated on the current motion, turned
into harmonics, and moved to the right-hand side until the motion stops changing.

Signals are sampled at the model's 101 stride phases (the last sample repeats the first), arrays ``(n, 101)``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["N_HARMONICS", "derivative", "harmonics", "signal", "solve_linear"]

#: Harmonics of the stride frequency kept (the model's inputs carry almost nothing above the 15th).
N_HARMONICS = 16

_N = 100  # samples per stride without the repeated last one
_K = np.arange(1, N_HARMONICS + 1)
_PHASE = np.arange(_N + 1) / _N
_BASIS = np.exp(2j * np.pi * np.outer(_K, _PHASE))  # (H, 101): e^(i h 2 pi phase)


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
    f = np.fft.rfft(np.asarray(y, dtype=float)[..., :_N], axis=-1) / _N
    return f[..., 1:N_HARMONICS + 1]


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
    return np.asarray(mean, dtype=float)[..., None] + 2.0 * np.real(np.asarray(c) @ _BASIS)


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
    k = _K.reshape((1, -1) + (1,) * (np.ndim(c) - 2))
    return 1j * k * np.asarray(omega).reshape((-1,) + (1,) * (np.ndim(c) - 1)) * c

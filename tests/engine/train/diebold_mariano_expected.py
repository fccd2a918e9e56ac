#!/usr/bin/env python3
"""Expected numbers for tst_diebold_mariano.cpp, computed once with numpy.

Run with /usr/bin/python3 (numpy only); the printed values are pasted into the test. The statistic
follows Diebold & Mariano (1995) with the small-sample correction of Harvey, Leybourne & Newbold
(1997), as engine/train/diebold_mariano.h documents it, written independently: the autocovariances
with numpy's dot products, the Student t tail by integrating its density numerically (composite
Simpson rule on [0, |t|], no incomplete beta function), so a mistake in the C++ continued fraction
cannot hide here.
"""
import math

import numpy as np


def series(n, offset):
    """The loss differential d_t = offset + sin(0.37 t) + 0.5 cos(1.3 t), t = 0 .. n-1."""
    t = np.arange(n, dtype=np.float64)
    return offset + np.sin(0.37 * t) + 0.5 * np.cos(1.3 * t)


def t_two_sided(t, nu):
    """P(|T| >= |t|) = 1 - 2 * integral_0^|t| f(x) dx, f the Student t density."""
    t = abs(t)
    log_c = math.lgamma((nu + 1) / 2) - math.lgamma(nu / 2) - 0.5 * math.log(nu * math.pi)
    m = 200000  # even number of Simpson intervals
    x = np.linspace(0.0, t, m + 1)
    f = np.exp(log_c - (nu + 1) / 2 * np.log1p(x * x / nu))
    w = np.ones(m + 1)
    w[1:-1:2] = 4
    w[2:-1:2] = 2
    integral = (t / m) / 3 * np.dot(w, f)
    return 1 - 2 * integral


def dm(d, h):
    n = len(d)
    c = d - d.mean()
    gamma = [np.dot(c[k:], c[:n - k]) / n for k in range(h)]
    v = gamma[0] + 2 * sum(gamma[1:])
    stat = d.mean() / math.sqrt(v / n)
    hln = stat * math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    p = t_two_sided(hln, n - 1)
    p_better = p / 2 if hln < 0 else 1 - p / 2
    return d.mean(), v, stat, hln, p, p_better


for n, offset, h in [(30, 0.2, 1), (30, 0.2, 3), (60, -0.15, 2), (12, 0.9, 1)]:
    mean, v, stat, hln, p, p_better = dm(series(n, offset), h)
    print(f"n={n} offset={offset} h={h}: mean {mean!r} V {v!r} DM {stat!r} DM* {hln!r} p {p!r} p_better {p_better!r}")

for t, nu in [(0.5, 1), (2.0, 5), (-1.3, 17), (3.5, 29), (0.1, 200)]:
    print(f"t={t} nu={nu}: two-sided {t_two_sided(t, nu)!r}")

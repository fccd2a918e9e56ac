#!/usr/bin/python3
"""Writes the non-price series of tests/data/nonprice/ (committed; rerun to regenerate).

Three series that are not positive prices, the kind evaluation must survive (issue: any series that
is not a positive price loses all its results):
  counts_monthly.csv      monthly counts with zeros (a seasonal Poisson count, like incident counts)
  temperature_daily.csv   daily temperatures in degrees Celsius around 0 (negatives and zeros)
  constant_stretch.csv    business-daily positive values with a 40-row constant stretch
Deterministic: numpy's PCG64 with fixed seeds, values rounded to 0.1 or integers.
"""
import datetime as dt
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="\n") as out:
        out.write(header + "\n")
        for row in rows:
            out.write(",".join(row) + "\n")


def counts_monthly():
    rng = np.random.Generator(np.random.PCG64(21))
    rows = []
    for k in range(240):
        year, month = 2000 + k // 12, k % 12 + 1
        rate = 2.0 + 1.8 * math.sin(2 * math.pi * (month - 3) / 12)   # 0.2 .. 3.8 a month
        rows.append((f"{year:04d}-{month:02d}-01", str(int(rng.poisson(rate)))))
    write("counts_monthly.csv", "Month,Count", rows)


def temperature_daily():
    rng = np.random.Generator(np.random.PCG64(22))
    start = dt.date(2020, 1, 1)
    rows = []
    for k in range(500):
        day = start + dt.timedelta(days=k)
        mean = 1.0 + 6.0 * math.sin(2 * math.pi * (k - 100) / 365.25)
        value = round(mean + rng.normal(0, 2.0), 1)
        rows.append((day.isoformat(), f"{value + 0.0:.1f}"))
    write("temperature_daily.csv", "Date,Temperature", rows)


def constant_stretch():
    rng = np.random.Generator(np.random.PCG64(23))
    day = dt.date(2021, 1, 4)   # a Monday
    value = 50.0
    rows = []
    for k in range(400):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        if not 200 <= k < 240:
            value = max(1.0, value + rng.normal(0, 0.8))
        rows.append((day.isoformat(), f"{value:.1f}"))
        day += dt.timedelta(days=1)
    write("constant_stretch.csv", "Date,Value", rows)


if __name__ == "__main__":
    counts_monthly()
    temperature_daily()
    constant_stretch()

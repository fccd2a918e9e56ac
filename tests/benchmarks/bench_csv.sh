#!/bin/sh
# Generates a 1,000,000-row OHLCV-like CSV (Date + 5 numbers) in /tmp and loads it with the engine
# (bench_csv) and with pandas.read_csv, one JSON line each. Goal: faster than pandas, peak memory
# under 3x the file size.
#   sh tests/benchmarks/bench_csv.sh [BUILD_DIR]      (default: build)
set -eu
here=$(dirname "$0")
build=${1:-build}
file=${TMPDIR:-/tmp}/lstmlab-bench-1m.csv
python=/usr/bin/python3

if [ ! -s "$file" ]; then
    "$python" - "$file" <<'PY'
import sys
import numpy as np
import pandas as pd
rows = 1_000_000
rng = np.random.default_rng(7)
close = 50 * np.exp(np.cumsum(rng.normal(0, 0.01, rows)))
open_ = close * (1 + rng.normal(0, 0.002, rows))
high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.003, rows)))
low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.003, rows)))
volume = rng.integers(100_000, 10_000_000, rows)
dates = pd.date_range("2000-01-03", periods=rows, freq="min").strftime("%Y-%m-%d %H:%M:%S")  # daily would pass 2262
frame = pd.DataFrame({"Date": dates, "Open": open_.round(4), "High": high.round(4), "Low": low.round(4),
                      "Close": close.round(4), "Volume": volume})
frame.to_csv(sys.argv[1], index=False)
PY
fi
ls -l "$file"
"$build/tests/benchmarks/bench_csv" "$file"
"$python" "$here/bench_csv_pandas.py" "$file"
"$python" "$here/bench_csv_pandas.py" "$file" --parse-dates

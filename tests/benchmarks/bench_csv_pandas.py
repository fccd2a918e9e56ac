#!/usr/bin/env python3
"""pandas.read_csv on the same file as bench_csv, for comparison (run with /usr/bin/python3).

usage: bench_csv_pandas.py FILE.csv [--repeat N] [--parse-dates]
Prints one JSON object like bench_csv's: the best time over N runs (default 3) and the peak
resident memory of the process (resource.getrusage ru_maxrss) before and after reading.
--parse-dates also converts the Date column, as the engine does with its time column.
"""
import json
import os
import resource
import sys
import time

import pandas as pd


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    parse_dates = ["Date"] if "--parse-dates" in sys.argv else False
    before = peak_rss_mib()
    best = float("inf")
    rows = 0
    for _ in range(repeat):
        start = time.perf_counter()
        frame = pd.read_csv(path, parse_dates=parse_dates)
        best = min(best, time.perf_counter() - start)
        rows = len(frame)
        del frame
    size = os.path.getsize(path)
    print(json.dumps({"tool": "pandas " + pd.__version__ + (" parse_dates" if parse_dates else ""), "rows": rows,
                      "bytes": size, "seconds": round(best, 4), "rows_per_s": round(rows / best),
                      "peak_rss_mib_before": round(before, 1), "peak_rss_mib": round(peak_rss_mib(), 1),
                      "file_mib": round(size / 2**20, 1)}))


if __name__ == "__main__":
    main()

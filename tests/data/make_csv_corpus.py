#!/usr/bin/env python3
"""Writes tests/data/csv_corpus/: CSV files in the shapes people really export, and manifest.json.

Run from anywhere: python3 tests/data/make_csv_corpus.py  (python3's standard library only; the output
is committed, so the tests do not run it). Each manifest entry names a file, the import options and used columns to
load it with, and either what the load must give ("expect": rows, time column and syntax, first and
last time label, first and last value of the target, sentences the report must contain) or the exact
refusal ("error", with the file's path written as F). tests/engine/data/tst_csv_corpus.cpp checks every
entry; tests/app/tst_cli_corpus.cpp trains and predicts on every accepted one through the CLI.
"""
import datetime as dt
import itertools
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "csv_corpus")
ROWS = 40

rng = random.Random(17)
prices = [round(100 + x, 2) for x in itertools.accumulate(rng.gauss(0, 1) for _ in range(ROWS))]  # a random walk
volumes = [rng.randint(1000, 900000) for _ in range(ROWS)]
days = [dt.date(2024, 1, 2) + dt.timedelta(days=k) for k in range(ROWS)]  # 2024-01-02 .. 2024-02-10

manifest = []


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)


def accept(name, target, rows, first_time, last_time, first, last, time_column, time_format,
           notes=(), options=None, used=None, shape=""):
    manifest.append({"file": name, "shape": shape, "options": options or {}, "used": used or [target],
                     "target": target,
                     "expect": {"rows": rows, "time_column": time_column, "time_format": time_format,
                                "first_time": first_time, "last_time": last_time,
                                "first": first, "last": last, "notes": list(notes)}})


def refuse(name, error, options=None, used=None, shape=""):
    manifest.append({"file": name, "shape": shape, "options": options or {}, "used": used or [], "error": error})


def num(x):
    return f"{x:.2f}"


def comma(x):
    return f"{x:.2f}".replace(".", ",")


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    iso = [d.isoformat() for d in days]
    p0, pn = float(prices[0]), float(prices[-1])

    # 1-2. The bundled samples, cut to their first rows.
    with open(os.path.join(ROOT, "resources/data/ohlcv_sample.csv")) as f:
        lines = f.read().splitlines()[:ROWS + 1]
    write("ohlcv_head.csv", "\n".join(lines) + "\n")
    first, last = lines[1].split(","), lines[-1].split(",")
    accept("ohlcv_head.csv", "Close", ROWS, first[0], last[0], float(first[4]), float(last[4]), "Date", "ISO",
           shape="the bundled OHLCV sample")
    with open(os.path.join(ROOT, "resources/data/eustockmarkets.csv")) as f:
        lines = f.read().splitlines()[:ROWS + 1]
    write("eustock_head.csv", "\n".join(lines) + "\n")
    first, last = lines[1].split(","), lines[-1].split(",")
    accept("eustock_head.csv", "DAX", ROWS, "1", str(ROWS), float(first[1]), float(last[1]), "Day", "index",
           shape="integer day index")

    # 3. pandas df.to_csv(): an unnamed 0-based index first.
    write("pandas_index.csv", ",Date,Close\n" + "".join(f"{k},{iso[k]},{num(prices[k])}\n" for k in range(ROWS)))
    accept("pandas_index.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=["The unnamed first column holds the row numbers 0, 1, ... (a pandas or R row index); it is ignored."],
           shape="pandas to_csv() with its index")
    # 4. R write.csv(): quoted, 1-based index.
    write("r_write_csv.csv", '"","Date","Close"\n' +
          "".join(f'"{k + 1}","{iso[k]}",{num(prices[k])}\n' for k in range(ROWS)))
    accept("r_write_csv.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=["The unnamed first column holds the row numbers 1, 2, ... (a pandas or R row index); it is ignored."],
           shape="R write.csv() with row names")
    # 5. Newest first (broker downloads).
    write("newest_first.csv", "Date,Close,Volume\n" +
          "".join(f"{iso[k]},{num(prices[k])},{volumes[k]}\n" for k in reversed(range(ROWS))))
    accept("newest_first.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=["Rows were newest first; reversed."], shape="newest-first rows")
    # 6. European export: ';', decimal comma, DD.MM.YYYY, thousands '.', CRLF and a byte-order mark.
    dots = [d.strftime("%d.%m.%Y") for d in days]
    write("excel_de.csv", "\ufeffDatum;Schluss;Umsatz\r\n" +
          "".join(f"{dots[k]};{comma(prices[k])};{format(int(volumes[k]), ',').replace(',', '.')}\r\n"
                  for k in range(ROWS)))
    accept("excel_de.csv", "Schluss", ROWS, dots[0], dots[-1], p0, pn, "Datum", "DMY",
           notes=["Delimiter ';' detected.", "Numbers are written with a decimal comma",
                  'Column "Umsatz": thousands separators removed.'], used=["Schluss", "Umsatz"],
           shape="European export: ; and decimal comma, DD.MM.YYYY")
    # 7. ';' with 1.234,5 prices.
    big = [round(x * 30, 2) for x in prices]
    write("semicolon_thousands.csv", "Date;Close\n" + "".join(
        f"{iso[k]};{format(float(big[k]), ',.2f').replace(',', '_').replace('.', ',').replace('_', '.')}\n"
        for k in range(ROWS)))
    accept("semicolon_thousands.csv", "Close", ROWS, iso[0], iso[-1], float(big[0]), float(big[-1]), "Date", "ISO",
           notes=["Numbers are written with a decimal comma", 'Column "Close": thousands separators removed.'],
           shape="1.234,5 numbers")
    # 8-13. Date spellings.
    for name, fmt, syntax, shape in [("dmy_slash.csv", "%d/%m/%Y", "DMY", "DD/MM/YYYY"),
                                     ("mdy_slash.csv", "%m/%d/%Y", "MDY", "MM/DD/YYYY"),
                                     ("ymd_slash.csv", "%Y/%m/%d", "ISO", "YYYY/MM/DD"),
                                     ("ymd_compact.csv", "%Y%m%d", "YMD", "YYYYMMDD")]:
        labels = [d.strftime(fmt) for d in days]
        write(name, "Date,Close\n" + "".join(f"{labels[k]},{num(prices[k])}\n" for k in range(ROWS)))
        accept(name, "Close", ROWS, labels[0], labels[-1], p0, pn, "Date", syntax, shape=shape)
    stamps = [int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp()) for d in days]
    write("unix_seconds.csv", "timestamp,close\n" + "".join(f"{stamps[k]},{num(prices[k])}\n" for k in range(ROWS)))
    accept("unix_seconds.csv", "close", ROWS, str(stamps[0]), str(stamps[-1]), p0, pn, "timestamp", "unix-s",
           shape="Unix seconds")
    write("unix_millis.csv", "time,close\n" + "".join(f"{stamps[k] * 1000},{num(prices[k])}\n" for k in range(ROWS)))
    accept("unix_millis.csv", "close", ROWS, str(stamps[0] * 1000), str(stamps[-1] * 1000), p0, pn, "time", "unix-ms",
           shape="Unix milliseconds")
    # 14. A daily table with Month and Day columns and no date: rows numbered.
    write("month_day_columns.csv", "Year,Month,Day,Temp\n" +
          "".join(f"2024,{d.month},{d.day},{num(prices[k])}\n" for k, d in enumerate(days)))
    accept("month_day_columns.csv", "Temp", ROWS, "1", str(ROWS), p0, pn, "", "auto",
           notes=['Column "Year" is named like a time but its integers do not increase',
                  "No time column; rows are numbered 1..40."], shape="Month and Day columns, no date")
    # 15-17. Thousands separators, percentages, currency signs.
    write("thousands_comma.csv", "Date,Close\n" +
          "".join(f'{iso[k]},"{format(float(big[k]), ",.2f")}"\n' for k in range(ROWS)))
    accept("thousands_comma.csv", "Close", ROWS, iso[0], iso[-1], float(big[0]), float(big[-1]), "Date", "ISO",
           notes=['Column "Close": thousands separators removed.'], shape="1,234.5 numbers (quoted)")
    rates = [round(rng.uniform(0.5, 5), 2) for _ in range(ROWS)]  # positive: train's backtest needs positive levels
    write("percent.csv", "Date,Return\n" + "".join(f"{iso[k]},{rates[k]:.2f}%\n" for k in range(ROWS)))
    accept("percent.csv", "Return", ROWS, iso[0], iso[-1], float(rates[0]) / 100, float(rates[-1]) / 100, "Date", "ISO",
           notes=['Column "Return": percentages read as fractions (1.5% = 0.015).'], shape="percentages 1.5%")
    write("currency.csv", "Date,Price\n" + "".join(f"{iso[k]},${num(prices[k])}\n" for k in range(ROWS)))
    accept("currency.csv", "Price", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=['Column "Price": currency signs ignored.'], shape="currency signs $12.50")
    write("euro_suffix.csv", "Datum;Preis\n" + "".join(f"{iso[k]};{comma(prices[k])} \u20ac\n" for k in range(ROWS)))
    accept("euro_suffix.csv", "Preis", ROWS, iso[0], iso[-1], p0, pn, "Datum", "ISO",
           notes=['Column "Preis": currency signs ignored.'], shape="12,50 EUR sign after the number")
    # 18. Trailing empty column (spreadsheets).
    write("trailing_delimiter.csv", "Date,Close,\n" + "".join(f"{iso[k]},{num(prices[k])},\n" for k in range(ROWS)))
    accept("trailing_delimiter.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=["Every line ends with a delimiter; the empty last column is ignored."], shape="trailing empty column")
    # 19-21. Windows-1252 and Latin-1 bytes.
    text = "Datum;Temp\u00e9rature;Preis\n" + "".join(f"{iso[k]};{comma(prices[k])};{comma(prices[k])} \u20ac\n" for k in range(ROWS))
    write("windows_1252.csv", text, "cp1252")
    refuse("windows_1252.csv", 'F:1:2: the byte 0xE9 after "Temp" is not UTF-8 (the file looks '
           "like Windows-1252 or Latin-1); save it as UTF-8, or decode with --encoding latin1.",
           shape="Windows-1252 bytes")
    accept("windows_1252.csv", "Temp\u00e9rature", ROWS, iso[0], iso[-1], p0, pn, "Datum", "ISO",
           notes=["Decoded from Windows-1252 / Latin-1 (--encoding latin1)."], options={"encoding": "latin1"},
           used=["Temp\u00e9rature", "Preis"], shape="Windows-1252 with --encoding latin1")
    write("latin1.csv", "Date,Schlu\u00df\n" + "".join(f"{iso[k]},{num(prices[k])}\n" for k in range(ROWS)), "latin-1")
    refuse("latin1.csv", 'F:1:2: the byte 0xDF after "Schlu" is not UTF-8 (the file looks like '
           "Windows-1252 or Latin-1); save it as UTF-8, or decode with --encoding latin1.", shape="Latin-1 bytes")
    accept("latin1.csv", "Schlu\u00df", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO", options={"encoding": "latin1"},
           shape="Latin-1 with --encoding latin1")
    # 22-23. Hourly data over the spring DST change: local clock with a gap, and with offsets over the autumn change.
    start = dt.datetime(2024, 3, 30, 12)
    local = []
    t = start
    while len(local) < ROWS:
        if not (t.date() == dt.date(2024, 3, 31) and t.hour == 2):   # 02:00 does not exist in Central Europe
            local.append(t)
        t += dt.timedelta(hours=1)
    labels = [x.strftime("%Y-%m-%d %H:%M") for x in local]
    write("dst_gap_hourly.csv", "Time,Load\n" + "".join(f"{labels[k]},{num(prices[k])}\n" for k in range(ROWS)))
    accept("dst_gap_hourly.csv", "Load", ROWS, labels[0], labels[-1], p0, pn, "Time", "ISO", shape="hourly, DST gap")
    utc = [dt.datetime(2024, 10, 26, 12, tzinfo=dt.timezone.utc) + dt.timedelta(hours=k) for k in range(ROWS)]
    cet = [x.astimezone(dt.timezone(dt.timedelta(hours=2 if x < dt.datetime(2024, 10, 27, 1, tzinfo=dt.timezone.utc) else 1)))
           for x in utc]
    labels = [x.isoformat(timespec="minutes") for x in cet]
    write("dst_offsets_hourly.csv", "Time,Load\n" + "".join(f"{labels[k]},{num(prices[k])}\n" for k in range(ROWS)))
    accept("dst_offsets_hourly.csv", "Load", ROWS, labels[0], labels[-1], p0, pn, "Time", "ISO",
           notes=["Times carry UTC offsets; they are ordered in UTC"], shape="hourly with UTC offsets over the DST change")
    # 24. 200 columns, 25. 30 rows.
    wide = [[round(rng.uniform(1, 2), 3) for _ in range(199)] for _ in range(30)]
    write("wide_200_columns.csv", "Date," + ",".join(f"x{j}" for j in range(199)) + "\n" +
          "".join(iso[k] + "," + ",".join(f"{v:.3f}" for v in wide[k]) + "\n" for k in range(30)))
    accept("wide_200_columns.csv", "x198", 30, iso[0], iso[29], float(wide[0][198]), float(wide[29][198]), "Date", "ISO",
           used=["x0", "x198"], shape="200 columns")
    write("rows_30.csv", "Date,Close\n" + "".join(f"{iso[k]},{num(prices[k])}\n" for k in range(30)))
    accept("rows_30.csv", "Close", 30, iso[0], iso[29], p0, float(prices[29]), "Date", "ISO", shape="30 rows")
    # 26-28. Other delimiters, an unnamed middle column, a strftime pattern.
    write("tab.tsv", "Date\tClose\n" + "".join(f"{iso[k]}\t{num(prices[k])}\n" for k in range(ROWS)))
    accept("tab.tsv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO", notes=["Delimiter tab detected."],
           shape="tab-delimited")
    write("pipe.csv", "Date|Close\n" + "".join(f"{iso[k]}|{num(prices[k])}\n" for k in range(ROWS)))
    accept("pipe.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO", notes=["Delimiter '|' detected."],
           shape="pipe-delimited")
    write("unnamed_column.csv", "Date,Close,,Volume\n" +
          "".join(f"{iso[k]},{num(prices[k])},x,{volumes[k]}\n" for k in range(ROWS)))
    accept("unnamed_column.csv", "Close", ROWS, iso[0], iso[-1], p0, pn, "Date", "ISO",
           notes=["Column 3 has no name in the header; it is called column_3."], shape="an unnamed column")
    labels = [d.strftime("%d-%b-%Y") for d in days]
    write("month_names.csv", "Date,Close\n" + "".join(f"{labels[k]},{num(prices[k])}\n" for k in range(ROWS)))
    accept("month_names.csv", "Close", ROWS, labels[0], labels[-1], p0, pn, "Date", "%d-%b-%Y",
           options={"time-format": "%d-%b-%Y"}, shape="02-Jan-2024 with --time-format %d-%b-%Y")
    # 29-31. Ambiguous day/month, repeated times.
    monthly = [dt.date(2023 + (k // 12), k % 12 + 1, 1).strftime("%d/%m/%Y") for k in range(ROWS)]
    write("ambiguous_dates.csv", "Date,Close\n" + "".join(f"{monthly[k]},{num(prices[k])}\n" for k in range(ROWS)))
    refuse("ambiguous_dates.csv", f'F:2:1 (column "Date"): the dates from "{monthly[0]}" to "{monthly[-1]}" read both day '
           f"first and month first (no day above 12 in the first {ROWS} rows); add --time-format DMY or --time-format MDY.",
           used=["Close"], shape="only days 1-12: ambiguous")
    accept("ambiguous_dates.csv", "Close", ROWS, monthly[0], monthly[-1], p0, pn, "Date", "DMY",
           options={"time-format": "DMY"}, shape="ambiguous dates with --time-format DMY")
    twice = [iso[k // 2] for k in range(ROWS)]
    write("repeated_times.csv", "Date,Close\n" + "".join(f"{twice[k]},{num(prices[k])}\n" for k in range(ROWS)))
    refuse("repeated_times.csv", f'F:3:1 (column "Date"): the time "{iso[0]}" repeats the time of line 2 ("{iso[0]}"); '
           "each row needs its own time, or add --duplicates first, last or mean to merge such rows.",
           used=["Close"], shape="repeated timestamps")
    accept("repeated_times.csv", "Close", ROWS // 2, iso[0], iso[ROWS // 2 - 1], (p0 + float(prices[1])) / 2,
           (float(prices[-2]) + pn) / 2, "Date", "ISO", options={"duplicates": "mean"},
           notes=["20 rows repeated the time of the row before them and were merged (--duplicates mean)."],
           shape="repeated timestamps with --duplicates mean")
    # 32-35. The strict refusals that stay.
    shuffled = iso[:5] + [iso[6], iso[5]] + iso[7:]
    write("out_of_order.csv", "Date,Close\n" + "".join(f"{shuffled[k]},{num(prices[k])}\n" for k in range(ROWS)))
    refuse("out_of_order.csv", f'F:8:1 (column "Date"): the time "{iso[5]}" is earlier than "{iso[6]}" on line 7; rows must '
           "be sorted oldest first (or all newest first); sort the file, or add --time-column none to number the rows "
           "instead.", used=["Close"], shape="out of order")
    write("missing_value.csv", "Date,Close\n" + "".join(f"{iso[k]},{'NA' if k == 9 else num(prices[k])}\n" for k in range(ROWS)))
    refuse("missing_value.csv", 'F:11:2 (column "Close"): missing value "NA"; choose --missing drop or --missing ffill to '
           "accept missing values.", used=["Close"], shape="NA without a policy")
    write("bad_number.csv", "Date,Close\n" + "".join(f"{iso[k]},{'n/a?' if k == 3 else num(prices[k])}\n" for k in range(ROWS)))
    refuse("bad_number.csv", 'F:5:2 (column "Close"): "n/a?" is not a number.', used=["Close"], shape="a bad number")
    refuse("excel_de.csv", 'F:2:2 (column "Schluss"): "' + comma(prices[0]) + '" is not a number; add --decimal ,.',
           options={"decimal": "."}, used=["Schluss"], shape="decimal comma read with --decimal .")

    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(set(e['file'] for e in manifest))} files, {len(manifest)} manifest entries to {OUT}")


if __name__ == "__main__":
    main()

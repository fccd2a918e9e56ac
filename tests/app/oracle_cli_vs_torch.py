#!/usr/bin/python3
"""Oracle test (CTest label `oracle`): LSTM Lab trains, PyTorch predicts.

Trains a small attention model with lstmlab-cli on the bundled sample (log-return target), writes the
CLI's predictions, then rebuilds everything independently in Python: the windows from the raw CSV
with the checkpoint's stored transforms and scaler statistics, the model with
resources/python/lstmlab_torch.py, the conversion back to prices. Every predicted price must agree
with the CLI's within 1e-5 (relative), and so must the attention weights.

Exit 77 (CTest: skipped) when torch is not installed.
Usage: oracle_cli_vs_torch.py CLI SOURCE_DIR WORK_DIR
"""
import csv
import json
import math
import os
import subprocess
import sys

try:
    import numpy as np
    import torch
except ImportError:
    print("python3-torch is not installed: skipping the PyTorch oracle")
    sys.exit(77)

cli, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(source, "resources", "python"))
import lstmlab_torch  # noqa: E402

data = os.path.join(source, "resources", "data", "ohlcv_sample.csv")
os.makedirs(work, exist_ok=True)
checkpoint = os.path.join(work, "oracle.safetensors")
predictions = os.path.join(work, "oracle_predictions.csv")
attention = os.path.join(work, "oracle_attention.csv")
subprocess.run([cli, "train", "--data", data, "--target", "Close", "--features", "Open,High,Low,Close,Volume",
                "--transforms", "Volume=log,Close=logreturn", "--target-transform", "logreturn",
                "--attention", "--hidden", "16,16", "--dropout", "0.1", "--epochs", "2", "--quiet",
                "--out", checkpoint], check=True)
subprocess.run([cli, "predict", "--checkpoint", checkpoint, "--data", data, "--out", predictions,
                "--attention", attention], check=True)

model, metadata = lstmlab_torch.load_checkpoint(checkpoint)
pipeline = json.loads(metadata["data"])
T = pipeline["sequence_length"]
assert pipeline["horizon"] == 1

with open(data, newline="") as f:
    rows = list(csv.DictReader(f))
dates = [r["Date"] for r in rows]


def transformed(column, kind):
    p = np.array([float(r[column]) for r in rows])
    out = np.full(len(p), np.nan)
    if kind == "level":
        out = p.copy()
    elif kind == "log":
        out = np.log(p)
    elif kind == "diff":
        out[1:] = p[1:] - p[:-1]
    elif kind == "return":
        out[1:] = p[1:] / p[:-1] - 1
    elif kind == "logreturn":
        out[1:] = np.log(p[1:]) - np.log(p[:-1])
    return out


features = np.stack([(transformed(f["column"], f["transform"]) - f["offset"]) / f["scale"]
                     for f in pipeline["features"]], axis=1)           # (n, F)
target = pipeline["target"]
close = np.array([float(r["Close"]) for r in rows])

expected = {}
with open(predictions, newline="") as f:
    for r in csv.DictReader(f):
        expected[r["Date"]] = float(r["predicted"])
weights_expected = {}
with open(attention, newline="") as f:
    for r in csv.DictReader(f):
        weights_expected[r["Date"]] = [float(r[f"lag_{lag}"]) for lag in range(T - 1, -1, -1)]

ends = [i for i, d in enumerate(dates) if i + 1 < len(dates) and dates[i + 1] in expected]
assert len(ends) == len(expected) == 5529, (len(ends), len(expected))
x = torch.tensor(np.stack([features[t - T + 1:t + 1] for t in ends]), dtype=torch.float32)
with torch.no_grad():
    scaled = model(x).double().numpy()[:, 0]                        # (W,)
weights = model.last_attention.double().numpy()                   # (W, T)
log_return = scaled * target["scale"] + target["offset"]
predicted = close[ends] * np.exp(log_return)                      # chained from the last known price

worst = 0.0
worst_weight = 0.0
for k, t in enumerate(ends):
    ours = expected[dates[t + 1]]
    worst = max(worst, abs(predicted[k] - ours) / max(1.0, abs(ours)))
    worst_weight = max(worst_weight, max(abs(a - b) for a, b in zip(weights[k], weights_expected[dates[t + 1]])))
print(f"{len(ends)} windows: max relative price difference {worst:.3g}, max attention difference {worst_weight:.3g}")
if worst > 1e-5 or worst_weight > 1e-5 or not math.isfinite(worst):
    print("FAIL: PyTorch and LSTM Lab disagree")
    sys.exit(1)

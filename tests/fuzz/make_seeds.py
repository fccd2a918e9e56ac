#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

    python3 tests/fuzz/make_seeds.py --cli build/app/lstmlab-cli

Seeds are the valid sample files, cut small, and the bad-input tables of RELIABILITY.md (R1 for the
checkpoint, R7 for the CSV, the JSON parser's table for JSON, R14 for sweep files). A seed named ok_* must be accepted
and bad_* refused by its harness; tst_fuzz_replay checks that, so a seed that stops meaning what its
name says fails the suite. Checkpoint, experiment and metadata JSON seeds come from a real training
run of lstmlab-cli (tiny models, so the seeds stay a few KB); the R1 variants are edits of one of
them made here. Standard library only (no numpy, no torch).
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def head(path, lines):
    with open(path, "rb") as f:
        return b"".join(f.readlines()[:lines])


# --- CSV (R7) -------------------------------------------------------------------------------------

def csv_seeds():
    ohlcv = head(os.path.join(ROOT, "resources/data/ohlcv_sample.csv"), 40)
    eustock = head(os.path.join(ROOT, "resources/data/eustockmarkets.csv"), 40)
    ok = {
        "ok_ohlcv_head.csv": ohlcv,
        "ok_eustock_head.csv": eustock,
        "ok_semicolon.csv": ohlcv.replace(b",", b";"),
        "ok_tab.csv": ohlcv.replace(b",", b"\t"),
        "ok_crlf.csv": ohlcv.replace(b"\n", b"\r\n"),
        "ok_cr.csv": ohlcv.replace(b"\n", b"\r"),
        "ok_utf8_bom.csv": b"\xef\xbb\xbf" + ohlcv,
        "ok_quoted_newline.csv": b'Date,Note,Close\n2020-01-01,"a\nb ""q""",1\n2020-01-02,x,2\n2020-01-03,y,3\n',
        "ok_missing_tokens.csv": b"Date,Close,Open\n2020-01-01,1,1\n2020-01-02,NA,2\n2020-01-03,,3\n"
                                 b"2020-01-04,null,4\n2020-01-05,NaN,5\n2020-01-06,6,6\n",
        "ok_datetime.csv": b"Time,Price\n2020-01-01 09:30:00,1.5\n2020-01-01 09:31:00,1.25\n2020-01-01 09:32:00,1.75\n",
        "ok_month.csv": b"Month,Sales\n2019-11,10\n2019-12,12\n2020-01,9\n2020-02,14\n",
        "ok_no_time.csv": b"a,b\n1,2\n3,4\n5,6\n7,8\n",
        "ok_text_cell.csv": b"Date,Close\n2020-01-01,1\n2020-01-02,abc\n",
        "ok_huge_number.csv": b"Date,Close\n2020-01-01,1e400\n2020-01-02,1\n",
        "ok_comma_decimal.csv": b"Datum;Schluss\n2020-01-01;1,5\n2020-01-02;2,5\n",
        "ok_blank_lines.csv": b"Date,Close\n\n2020-01-01,1\n\r\n2020-01-02,2\n",
    }
    bad = {
        "bad_ragged_few.csv": b"Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3\n",
        "bad_ragged_many.csv": b"Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3,4,5\n",
        "bad_unterminated_quote.csv": b'Date,Note,Close\n2020-01-01,x,1\n2020-01-02,"open\nstill open\n2020-01-03,x,3\n',
        "bad_nul.csv": b"Date,Close\n2020-01-01,1\n2020-01-02,2\x00\n",
        "bad_utf16le_bom.csv": b"\xff\xfeD\x00a\x00t\x00e\x00",
        "bad_utf16be_bom.csv": b"\xfe\xff\x00D\x00a",
        "bad_empty.csv": b"",
        "bad_blank_only.csv": b"\n\r\n\n",
        "bad_header_only.csv": b"Date,Close\n",
        "bad_duplicate_header.csv": b"Date,Close,Close\n2020-01-01,1,2\n",
        "ok_unnamed_column.csv": b"Date,,Close\n2020-01-01,1,2\n",
        "bad_unsorted_dates.csv": b"Date,Close\n2020-01-01,1\n2020-01-03,2\n2020-01-02,3\n",
        "bad_duplicate_dates.csv": b"Date,Close\n2020-01-01,1\n2020-01-03,2\n2020-01-03,3\n",
        "bad_date_format.csv": b"Date,Close\n2020-01-01,1\n01/02/2020,2\n",
        "bad_impossible_date.csv": b"Date,Close\n2021-02-28,1\n2021-02-29,2\n",
        "bad_quote_in_field.csv": b"Date,Note,Close\n2020-01-01,5'10\",1\n",
        "bad_text_after_quote.csv": b'Date,Note,Close\n2020-01-01,"a"b,1\n',
    }
    for name, data in {**ok, **bad}.items():
        write("csv", name, data)


# --- JSON -----------------------------------------------------------------------------------------

def json_seeds():
    ok = {
        "ok_scalars.json": '[null, true, false, 0, -0.0, 1.5e-300, 4.9e-324, 9007199254740993, "\\u00e9\\ud83d\\ude00"]',
        "ok_nested.json": '{"a": {"b": [[], {}, [1, [2, [3]]]]}, "c": "x\\ny\\t\\"z\\"\\\\"}',
        "ok_bom.json": "\ufeff{\"k\": 1}",
        "ok_deep_64.json": "[" * 64 + "]" * 64,
    }
    bad = {
        "bad_empty.json": "",
        "bad_trailing_comma.json": "[1, 2,]",
        "bad_trailing_comma_object.json": '{"a": 1,\n}',
        "bad_duplicate_key.json": '{\n  "lr": 1,\n  "lr": 2\n}',
        "bad_duplicate_key_escape.json": '{"a":1,"\\u0061":2}',
        "bad_unterminated.json": '["abc',
        "bad_control_char.json": '"a\tb"',
        "bad_escape.json": '"a\\qb"',
        "bad_lone_surrogate.json": '"\\ud800x"',
        "bad_leading_zero.json": "[012]",
        "bad_too_large.json": "1e400",
        "bad_nesting_65.json": "[" * 65 + "]" * 65,
        "bad_garbage.json": "{} x",
        "bad_nan.json": "[NaN]",
        "bad_unquoted_key.json": "{a:1}",
    }
    for name, data in {**ok, **bad}.items():
        write("json", name, data)
    raw_bad = {
        "bad_byte_ff.json": b'"\xff"',
        "bad_overlong.json": b'"\xc0\xaf"',
        "bad_encoded_surrogate.json": b'"\xed\xa0\x80"',
        "bad_above_10ffff.json": b'"\xf4\x90\x80\x80"',
    }
    for name, data in raw_bad.items():
        write("json", name, data)


# --- safetensors ----------------------------------------------------------------------------------

def split_safetensors(blob):
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"), object_pairs_hook=lambda pairs: dict(pairs))
    return header, blob[8 + n:]


def join_safetensors(header_text, data):
    header = header_text.encode("utf-8")
    header += b" " * ((8 - len(header) % 8) % 8)
    return struct.pack("<Q", len(header)) + header + data


def dump(header):
    return json.dumps(header, separators=(",", ":"), ensure_ascii=False)


def tensor_names(header):
    return [k for k in header if k != "__metadata__"]


def checkpoint_variants(blob):
    """The R1 table, as edits of one valid checkpoint."""
    header, data = split_safetensors(blob)
    names = tensor_names(header)
    first, second = names[0], names[1]
    v = {}
    v["bad_short.safetensors"] = blob[:5]
    v["bad_header_length_max.safetensors"] = b"\xff" * 8 + blob[8:]
    v["bad_header_past_eof.safetensors"] = struct.pack("<Q", len(blob)) + blob[8:]
    v["bad_header_not_object.safetensors"] = join_safetensors("[" + dump(header) + "]", data)
    text = dump(header)
    v["bad_header_not_utf8.safetensors"] = join_safetensors(text, data).replace(b'"F32"', b'"F\xff2"', 1)
    # Duplicate tensor: the first entry written twice (json.dumps cannot, so by hand).
    entry = '"%s":%s' % (first, json.dumps(header[first], separators=(",", ":")))
    v["bad_duplicate_tensor.safetensors"] = join_safetensors(text.replace(entry, entry + "," + entry, 1), data)

    def edited(change):
        h = json.loads(text)
        change(h)
        return join_safetensors(dump(h), data)

    v["bad_unknown_dtype.safetensors"] = edited(lambda h: h[first].update(dtype="F128"))
    v["bad_huge_shape.safetensors"] = edited(lambda h: h[first].update(shape=[4294967296, 4294967296, 4294967296]))
    v["bad_end_before_begin.safetensors"] = edited(
        lambda h: h[first].update(data_offsets=[h[first]["data_offsets"][1], h[first]["data_offsets"][0]]))
    v["bad_overlap.safetensors"] = edited(
        lambda h: h[second].update(data_offsets=[h[second]["data_offsets"][0] - 4, h[second]["data_offsets"][1] - 4]))
    v["bad_trailing_bytes.safetensors"] = blob + b"\0\0\0\0"
    v["bad_metadata_not_string.safetensors"] = edited(lambda h: h["__metadata__"].update(version=1))

    def hole(h):   # drop the last tensor's entry: its bytes become a hole at the end
        last = max(names, key=lambda k: h[k]["data_offsets"][0])
        del h[last]
    v["bad_hole.safetensors"] = edited(hole)

    def missing(h):   # the first tensor removed with its bytes: a valid container, a checkpoint short of a tensor
        begin, end = h[first]["data_offsets"]
        del h[first]
        for k in tensor_names(h):
            b, e = h[k]["data_offsets"]
            if b >= end:
                h[k]["data_offsets"] = [b - (end - begin), e - (end - begin)]
        return begin, end
    h = json.loads(text)
    begin, end = missing(h)
    v["bad_missing_tensor.safetensors"] = join_safetensors(dump(h), data[:begin] + data[end:])

    h = json.loads(text)
    h["extra.weight"] = {"dtype": "F32", "shape": [1], "data_offsets": [len(data), len(data) + 4]}
    v["bad_extra_tensor.safetensors"] = join_safetensors(dump(h), data + b"\0\0\0\0")

    def misshaped(h):
        shape = h[first]["shape"]
        h[first]["shape"] = [shape[-1], shape[0]] if len(shape) == 2 and shape[0] != shape[-1] else [1] + shape
    v["bad_misshaped_tensor.safetensors"] = edited(misshaped)
    v["bad_not_a_checkpoint.safetensors"] = edited(lambda h: h["__metadata__"].pop("format"))
    v["bad_version.safetensors"] = edited(lambda h: h["__metadata__"].update(version="2"))

    # A few bytes that claim the largest model ModelSpec allows: the reader must refuse it before it
    # allocates the ~13 GB such a model would take (R1: nothing allocated beyond the file size).
    def hostile_model(h):
        model = json.loads(h["__metadata__"]["model"])
        model.update(hidden=[4096] * 8, bidirectional=True, features=100000)
        h["__metadata__"]["model"] = dump(model)
    v["bad_hostile_model_size.safetensors"] = edited(hostile_model)
    return v


def model_only(blob):
    """The weights and the three metadata keys a PyTorch export writes: a valid prediction-only checkpoint."""
    header, data = split_safetensors(blob)
    meta = header["__metadata__"]
    kept = [k for k in tensor_names(header) if not k.startswith(("optimizer.", "best."))]
    kept.sort(key=lambda k: header[k]["data_offsets"][0])
    out_header = {"__metadata__": {k: meta[k] for k in ("format", "version", "model")}}
    out_data = b""
    for k in kept:
        b, e = header[k]["data_offsets"]
        out_header[k] = dict(header[k], data_offsets=[len(out_data), len(out_data) + e - b])
        out_data += data[b:e]
    return join_safetensors(dump(out_header), out_data)


# --- checkpoints, experiments and metadata JSON from real runs ------------------------------------

RUNS = {
    "ok_lstm.safetensors": ["--hidden", "2"],
    "ok_gru_bidirectional.safetensors": ["--cell", "gru", "--hidden", "2", "--bidirectional"],
    "ok_attention_stacked.safetensors": ["--hidden", "3,2", "--attention", "--dropout", "0.1",
                                         "--features", "Open,Close", "--target-transform", "logreturn"],
}


def run_seeds(cli):
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data.csv")
        with open(data, "wb") as out:
            out.write(head(os.path.join(ROOT, "resources/data/ohlcv_sample.csv"), 80))
        blobs = {}
        for name, options in RUNS.items():
            path = os.path.join(work, name)
            subprocess.run([cli, "train", "--data", data, "--target", "Close", "--seq-len", "3", "--epochs", "2",
                            "--batch-size", "16", "--quiet", "--out", path] + options, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(path, "rb") as f:
                blobs[name] = f.read()
    for name, blob in blobs.items():
        write("checkpoint", name, blob)
    base = blobs["ok_lstm.safetensors"]
    write("checkpoint", "ok_model_only.safetensors", model_only(base))
    for name, blob in checkpoint_variants(base).items():
        write("checkpoint", name, blob)
    shutil.copy(os.path.join(ROOT, "tests/fixtures/io/python_numpy.safetensors"),
                os.path.join(CORPUS, "checkpoint", "bad_numpy_not_a_checkpoint.safetensors"))

    # The metadata documents as the checkpoint stores them, and experiments built from them.
    header, _ = split_safetensors(blobs["ok_attention_stacked.safetensors"])
    meta = header["__metadata__"]
    for key in ("model", "data", "train"):
        write("json", "ok_checkpoint_%s.json" % key, meta[key])
    train = json.loads(meta["train"])
    data = json.loads(meta["data"])
    config = data["config"] if "config" in data else data

    def channel(c):   # the pipeline JSON adds fitted statistics; an experiment holds the choice only
        return {"column": c["column"], "transform": c["transform"]}
    experiment = {
        "format": "lstmlab-experiment", "version": 1,
        "data": {"path": "/data/ohlcv.csv", "sha256": data.get("source_sha256", "")},
        "pipeline": dict({k: config[k] for k in ("sequence_length", "horizon", "split", "scaler", "missing")},
                         features=[channel(c) for c in config["features"]], target=channel(config["target"])),
        "model": json.loads(meta["model"]),
        "train": train["config"],
        "checkpoint": "run.safetensors",
    }
    write("experiment", "ok_experiment.json", json.dumps(experiment, indent=2))
    write("experiment", "ok_experiment_no_checkpoint.json", json.dumps(dict(experiment, checkpoint=None)))
    write("experiment", "ok_experiment_absolute_checkpoint.json",
          json.dumps(dict(experiment, checkpoint="/elsewhere/m.safetensors")))
    write("experiment", "bad_experiment_format.json", json.dumps(dict(experiment, format="lstmlab-run")))
    write("experiment", "bad_experiment_version.json", json.dumps(dict(experiment, version=2)))
    write("experiment", "bad_experiment_unknown_key.json", json.dumps(dict(experiment, colour="red")))
    write("experiment", "bad_experiment_hidden_type.json",
          json.dumps(dict(experiment, model=dict(experiment["model"], hidden="64"))))
    write("experiment", "bad_experiment_trailing_comma.json", json.dumps(experiment)[:-1] + ",}")
    write("experiment", "bad_experiment_duplicate_key.json", json.dumps(experiment)[:-1] + ',"version":1}')


# --- sweep files ----------------------------------------------------------------------------------

def sweep_seeds(cli):
    default = subprocess.run([cli, "sweep", "--print-default"], check=True, capture_output=True).stdout
    write("sweep", "ok_default.json", default)
    grid = {"mode": "grid", "seeds": 2, "fixed": {"epochs": 30, "patience": 5, "target-transform": "logreturn"},
            "grid": {"hidden": [[32], [64, 64], [128, 64]], "dropout": [0, 0.2], "lr": [0.001, 0.0005]}}
    random = {"mode": "random", "random": {"trials": 20, "seed": 7, "space": {
        "lr": {"log_uniform": [1e-4, 1e-2]}, "dropout": {"uniform": [0, 0.5]},
        "hidden-size": {"choice": [32, 64, 128]}, "layers": {"int": [1, 3]}}}}
    listed = {"mode": "list", "configurations": [{"hidden-size": 32, "layers": 1, "lr": 0.001},
                                                 {"hidden": [64, 32], "attention": True, "cell": "gru"}]}
    write("sweep", "ok_grid.json", json.dumps(grid, indent=2))
    write("sweep", "ok_random.json", json.dumps(random))
    write("sweep", "ok_list.json", json.dumps(listed))
    write("sweep", "ok_every_configuration_refused.json",
          json.dumps({"mode": "list", "configurations": [{"hidden": [32], "dropout": 0.5}]}))
    write("sweep", "bad_trailing_comma.json", json.dumps(grid)[:-1] + ",}")
    write("sweep", "bad_unknown_key.json", json.dumps(dict(grid, colour="red")))
    write("sweep", "bad_mode.json", json.dumps(dict(grid, mode="bayesian")))
    write("sweep", "bad_unknown_option.json", json.dumps(dict(grid, grid={"learning-rate": [0.1]})))
    write("sweep", "bad_value_type.json", json.dumps(dict(grid, grid={"dropout": [{"x": 1}]})))
    write("sweep", "bad_seeds_zero.json", json.dumps(dict(grid, seeds=0)))
    write("sweep", "bad_random_without_trials.json",
          json.dumps({"mode": "random", "random": {"seed": 1, "space": {"lr": {"uniform": [0, 1]}}}}))
    write("sweep", "ok_grid_too_large_to_expand.json",
          json.dumps({"mode": "grid", "grid": {k: list(range(1, 11)) for k in
                                               ("epochs", "batch-size", "seq-len", "patience", "seed")}}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path of a built lstmlab-cli")
    args = parser.parse_args()
    for target in ("csv", "json", "checkpoint", "experiment", "sweep"):
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    csv_seeds()
    json_seeds()
    run_seeds(os.path.abspath(args.cli))
    sweep_seeds(os.path.abspath(args.cli))
    for target in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, target))
        size = sum(os.path.getsize(os.path.join(CORPUS, target, f)) for f in files)
        print("%-11s %3d seeds, %7d bytes" % (target, len(files), size))


if __name__ == "__main__":
    main()

#!/bin/sh
# The headless demo of `make run` on a machine without a display: a first session on the bundled
# seasonal sample (monthly CO2) with the command line -- inspect the data, train a small LSTM with
# attention, evaluate it against the naive baselines, write its predictions and attention weights --
# then the summary of every preset and a short benchmark. Its files go to a new temporary folder,
# named at the end (nothing is written into the source tree).
set -e
cli="$1"
data="$2"
out=$(mktemp -d "${TMPDIR:-/tmp}/lstmlab-demo.XXXXXX")

run() {
    echo
    echo "== lstmlab-cli $*"
    "$cli" "$@"
}

run inspect --data "$data"
# The seasonal sample's run (engine/workflow/sample_options.cpp): monthly CO2, windows of 13 months.
run train --data "$data" --target CO2 --target-transform logreturn --feature-transform logreturn \
    --seq-len 13 --hidden 16 --attention --epochs 60 --out "$out/model.safetensors" --run-dir "$out/run"
run evaluate --checkpoint "$out/model.safetensors" --data "$data"
run predict --checkpoint "$out/model.safetensors" --data "$data" --split test \
    --out "$out/predictions.csv" --attention "$out/attention.csv"
echo "first rows of predictions.csv:"
head -n 4 "$out/predictions.csv"
for preset in single stacked bidirectional attention gru; do
    run summary --preset "$preset" --features 1 --seq-len 13
done
run bench --quick
echo
echo "The demo's files are in $out: model.safetensors (it also loads into PyTorch: README, Checkpoints"
echo "in PyTorch), run/ (run.json, metrics.csv), predictions.csv and attention.csv."

#!/bin/sh
# The headless demo of `make run` on a machine without a display:
# inspect the bundled sample, print the summary of every preset, run a short benchmark.
set -e
cli="$1"
data="$2"
echo "== lstmlab-cli inspect --data $data"
"$cli" inspect --data "$data"
for preset in single stacked bidirectional attention gru; do
    echo
    echo "== lstmlab-cli summary --preset $preset --features 5 --seq-len 20"
    "$cli" summary --preset "$preset" --features 5 --seq-len 20
done
echo
echo "== lstmlab-cli bench --quick"
"$cli" bench --quick

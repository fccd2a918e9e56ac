#!/bin/sh
# Regenerates the workbench screenshots: the real window under Xvfb at 1440x900, captured with
# ImageMagick's `import -window root` after each stage of tests/ui/screenshot_tour.cpp.
#   sh resources/screenshots/make_screenshots.sh [BUILD_DIR]
# 11-sweep-slurm.png needs a cluster: tests/cluster/slurm_cluster.sh start DIR, export SLURM_CONF=DIR/slurm.conf,
# then the same xvfb-run line with the stage: screenshot_tour resources/screenshots slurm
set -e
build="${1:-build}"
here="$(cd "$(dirname "$0")" && pwd)"
cmake --build "$build" --target screenshot_tour
LSTMLAB_SOURCE_DIR="$(cd "$here/../.." && pwd)" \
    xvfb-run -a -s "-screen 0 1440x900x24" "$build/tests/ui/screenshot_tour" "$here"

// One walk-forward fold's training as a file (FOLDS.folds/fold-NNNN/training.json), written by the
// Slurm task that trained it and read by the command that gathers the folds:
//   {"fold": 2, "trained": true, "status": "finished", "epochs": 14, "weights": [0.0123, ...]}
// Weights are the float32 values written as the shortest decimal that reads back to the same number,
// so the gathered evaluation is bit for bit the local one. Written atomically.
#pragma once

#include "engine/train/walk_forward.h"

#include <optional>
#include <string>

namespace lstmlab {

void write_fold_training(const std::string& path, int fold, const FoldTraining& training);
// nullopt when the file does not exist; throws Error naming the file when it is damaged.
std::optional<FoldTraining> read_fold_training(const std::string& path, int fold);

} // namespace lstmlab

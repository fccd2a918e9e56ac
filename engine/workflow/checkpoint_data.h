// Data for a saved model: a CSV loaded and prepared with the checkpoint's fitted pipeline (same
// columns, transforms, scaler statistics, T, H and split fractions; never refitted), as `predict`
// and `evaluate` need it, on the training file or on new data.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/io/checkpoint.h"

#include <string>

namespace lstmlab {

struct CheckpointData {
    Frame frame;              // the loaded CSV: frame.row_label(r) names row r of `data`
    PreparedData data;
    bool same_file = false;   // the CSV's SHA-256 equals the one the model was trained on
    std::string note;         // for the user when it is other data ("new data: ...")
};

// Throws Error when the checkpoint has no data pipeline (a model-only export) or the CSV lacks columns.
CheckpointData prepare_checkpoint_data(const std::string& csv_path, const Checkpoint& checkpoint);

} // namespace lstmlab

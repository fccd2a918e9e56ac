// Forecast: a trained model run over the windows of a split, in the target's units, with attention
// weights (what `predict` writes; evaluation.h scores it).
//
// Legend: W = windows of the split (time order), H = horizon, T = sequence length.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/price_conversion.h"

#include <Eigen/Core>

namespace lstmlab {

struct Forecast {
    Split split = Split::Test;
    SplitPrices prices;                // last known price (W), actual prices (H, W), end rows (W)
    Eigen::MatrixXd scaled_outputs;    // (H, W) raw model outputs: scaled, transformed target
    Eigen::MatrixXd predicted;         // (H, W) price units
    Eigen::MatrixXf attention;         // (W, T) weights per window, empty without attention
};

// Inference over every window of `split` in batches of `batch` windows.
Forecast forecast_split(Model<float>& model, const PreparedData& data, Split split, bool with_attention,
                        int batch = 256);

} // namespace lstmlab

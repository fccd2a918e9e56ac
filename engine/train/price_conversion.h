// Price conversion: model outputs (scaled, transformed target) back to price levels, honestly.
//
// Legend: W = windows of a split, H = horizon.
// A window ending at row t predicts the transformed target for t+1 .. t+H. To get prices it is
// first unscaled (x = scaled * scale + offset, the training statistics), then chained from the last
// KNOWN price P_t -- never from a predicted or unknown P_{t+h-1} (transform.h has the formulas).
// The actual prices of the same steps come from the data, so metrics compare like with like.
#pragma once

#include "engine/data/pipeline.h"

#include <Eigen/Core>

#include <vector>

namespace lstmlab {

struct SplitPrices {
    std::vector<double> last_price;  // (W) P_t, the last price known when window w predicts
    Eigen::MatrixXd actual;          // (H, W) P_{t+1} .. P_{t+H}
    std::vector<std::size_t> end_rows;  // (W) t, for labels (Frame::row_label) and outputs
};

// Last known and actual prices for every window of `split`, in time order.
SplitPrices split_prices(const PreparedData& data, Split split);

// (H, W) price levels from (H, W) model outputs in scaled, transformed units.
Eigen::MatrixXd predictions_to_prices(const FittedPipeline& pipeline, const std::vector<double>& last_price,
                                      const Eigen::MatrixXd& scaled_predictions);

} // namespace lstmlab

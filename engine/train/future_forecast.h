// Future forecast: the next H values after the last row of the data -- the question a model is
// trained for -- with split-conformal intervals and the calendar's timestamps.
//
// Legend: n = rows, T = sequence length, H = horizon, L = interval levels, F = features.
// The input is the window ending at the LAST row, t = n - 1 (rows n-T .. n-1 of the scaled features),
// which no evaluation window uses because its targets are not in the file. The outputs are converted
// like every prediction (price_conversion.h): chained from the last known value y_{n-1}. The
// intervals come from the calibration stored in the checkpoint at the end of training when it holds
// the requested levels, and are otherwise calibrated on the validation split of `data` (conformal.h);
// their test coverage is reported by evaluate.
#pragma once

#include "engine/data/future_times.h"
#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/conformal.h"

#include <optional>
#include <string>
#include <vector>

namespace lstmlab {

struct FutureForecast {
    std::size_t last_row = 0;            // n - 1
    double last_value = 0.0;             // y_{n-1}
    FutureTimes times;                   // (H) labels and the calendar's evidence
    std::vector<double> predicted;       // (H)
    std::optional<ConformalCalibration> calibration;   // absent without validation windows
    bool calibration_stored = false;                   // from the checkpoint, not computed from `data`
    std::vector<IntervalBounds> intervals;             // (L) each (H, 1)
};

// `stored`: the checkpoint's calibration (or null); used when it holds every level in `levels`.
// Throws Error when the data has fewer usable rows than one window.
FutureForecast forecast_future(Model<float>& model, const PreparedData& data, const std::vector<double>& levels,
                               const ConformalCalibration* stored = nullptr);

} // namespace lstmlab

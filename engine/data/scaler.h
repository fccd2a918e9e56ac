// Scaler: an affine map fitted on training rows only and applied unchanged everywhere else (R12).
//
//   scaled = (x - offset) / scale,   x = scaled * scale + offset
//   zscore  offset = mean, scale = population standard deviation (ddof = 0, like scikit-learn's
//           StandardScaler), both over the training rows
//   minmax  offset = min,  scale = max - min  (training rows map to [0, 1])
//   none    offset = 0,    scale = 1
// Fitting refuses a constant slice (scale 0 would divide by zero) with a message naming the column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class ScalerKind { ZScore, MinMax, None };

// "zscore", "minmax", "none"
std::string_view scaler_name(ScalerKind kind);
ScalerKind parse_scaler(std::string_view text, std::string_view option = "--scaler");

struct ScalerStats {
    double offset = 0.0;
    double scale = 1.0;

    double apply(double x) const { return (x - offset) / scale; }
    double invert(double scaled) const { return scaled * scale + offset; }
    bool operator==(const ScalerStats&) const = default;
};

// Statistics of values[first .. last] (inclusive). `what` names the column in messages
// ("column \"Close\" (logreturn)"). Throws Error on an empty or constant slice.
ScalerStats fit_scaler(ScalerKind kind, const std::vector<double>& values, std::size_t first, std::size_t last,
                       const std::string& what);

} // namespace lstmlab

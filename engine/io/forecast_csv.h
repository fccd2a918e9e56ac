// Forecast CSV: the text of `lstmlab-cli forecast --out` and the workbench's "Export forecast CSV",
// one row per step after the last row of the data (docs/file-formats.md):
//   step,<time column or row>,predicted[,lower_<level>,upper_<level> for each interval level]
// level in percent with up to 4 significant digits (lower_80, upper_97.5); numbers in the shortest
// form that reads back exactly; an infinite bound (too few validation windows) is an empty cell.
#pragma once

#include "engine/train/future_forecast.h"

#include <string>

namespace lstmlab {

// time_name: the data's time column, or "row" when it has none.
std::string forecast_csv(const FutureForecast& forecast, const std::string& time_name);

} // namespace lstmlab

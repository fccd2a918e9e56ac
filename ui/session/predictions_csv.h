// Predictions CSV: the test-split forecast of a ResultsSnapshot, one row per window, like
// `lstmlab-cli predict`: the date (or row number) of the first predicted step, the split, then
// actual,predicted (H = 1) or actual_<h>,predicted_<h> for each horizon step h = 1..H, in price units. Numbers are written
// in the shortest form that reads back exactly; the file is written atomically.
#pragma once

#include "ui/common/snapshots.h"

#include <string>

namespace lstmlab::ui {

std::string predictionsCsv(const ResultsSnapshot& results);
void savePredictionsCsv(const QString& path, const ResultsSnapshot& results);

} // namespace lstmlab::ui

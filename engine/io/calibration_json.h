// The conformal calibration (conformal.h) as JSON, for the checkpoint's "calibration" metadata:
//   {"transform": "logreturn", "levels": [0.8, 0.95], "windows": 817,
//    "half_widths": [[q_1, ..., q_H], [q_1, ..., q_H]]}        one row per level, (L, H)
// Numbers are written in the shortest form that reads back to the same double (json.h), so a
// save -> load round trip keeps every half-width bit for bit. An infinite half-width (too few
// validation windows for that level) is null.
#pragma once

#include "engine/core/json.h"
#include "engine/train/conformal.h"

#include <string_view>

namespace lstmlab {

Json calibration_to_json(const ConformalCalibration& calibration);

// Throws Error naming `where` and the member for a wrong type, an unknown key, a level outside
// (0, 1), a negative or NaN half-width, or rows of different lengths.
ConformalCalibration calibration_from_json(const Json& json, std::string_view where);

} // namespace lstmlab

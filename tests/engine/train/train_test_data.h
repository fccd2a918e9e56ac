// Small prepared datasets for trainer tests, built in memory (no file).
#pragma once

#include "engine/data/pipeline.h"

#include <cmath>
#include <limits>

namespace lstmlab::test {

// One column "x": a noisy sine a small model can learn, `rows` rows, windows of T = 8, H = 1.
inline PreparedData sine_data(std::size_t rows = 400, double noise_phase = 0.0, int horizon = 1)
{
    Frame frame;
    frame.path = "sine.csv";
    Column x;
    x.name = "x";
    for (std::size_t r = 0; r < rows; ++r) {
        const double t = double(r);
        x.values.push_back(std::sin(0.3 * t) + 0.5 * std::sin(0.05 * t + noise_phase) + 0.05 * std::sin(7.1 * t));
        frame.lines.push_back(r + 2);
    }
    frame.columns.push_back(x);
    PipelineConfig config;
    config.features = {{"x", Transform::Level}};
    config.target = {"x", Transform::Level};
    config.sequence_length = 8;
    config.horizon = horizon;
    return prepare_data(frame, config, "");
}

} // namespace lstmlab::test

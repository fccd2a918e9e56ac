// Frames built in memory for the pipeline tests (no file needed).
#pragma once

#include "engine/data/frame.h"

#include <string>
#include <utility>
#include <vector>

namespace lstmlab::test {

// A frame "synthetic.csv" with Number columns; row r sits on line r + 2 (after a header).
inline Frame make_frame(const std::vector<std::pair<std::string, std::vector<double>>>& columns)
{
    Frame frame;
    frame.path = "synthetic.csv";
    for (const auto& [name, values] : columns) {
        Column column;
        column.name = name;
        column.values = values;
        frame.columns.push_back(std::move(column));
    }
    const std::size_t rows = columns.empty() ? 0 : columns.front().second.size();
    for (std::size_t r = 0; r < rows; ++r)
        frame.lines.push_back(r + 2);
    return frame;
}

// A positive random walk of `rows` distinct prices (deterministic).
inline std::vector<double> walk(std::size_t rows, double start = 100.0)
{
    std::vector<double> prices;
    double price = start;
    unsigned state = 12345;
    for (std::size_t r = 0; r < rows; ++r) {
        state = state * 1103515245u + 12345u;
        const double step = (double((state >> 8) % 2001) - 1000.0) / 40000.0;  // within +-2.5 %
        price *= 1.0 + step + 1e-7 * double(r);                               // + tiny drift: no repeats
        prices.push_back(price);
    }
    return prices;
}

} // namespace lstmlab::test

// Batches: the windows of a split copied into the engine's sequence layout, and the training order.
//
// Legend: F = features, T = sequence length, B = windows in the batch, H = horizon.
//   x  (F, T*B)  column t*B + b = window b's scaled feature vector at step t (t = 0 oldest, T-1 newest,
//                which is the window's end row)
//   y  (H, B)    row h = the scaled, transformed target h+1 steps after the window's end row
// fill_batch resizes x and y only when their shape differs (B changes, e.g. the last short batch);
// with the right shape it allocates nothing: plain loops, no Eigen temporaries.
// Only training windows are ever shuffled: window_order() returns 0..count-1 in time order for
// validation and test whatever generator is passed.
#pragma once

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/pipeline.h"

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace lstmlab {

template <typename Scalar>
using BatchMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// Fisher-Yates: for i = n-1 .. 1, swap order[i] with order[rng.below(i + 1)].
void shuffle_windows(std::vector<std::size_t>& order, Rng& rng);

// 0 .. count-1 of `split`; shuffled with `rng` only when split == Split::Train.
std::vector<std::size_t> window_order(const PreparedData& data, Split split, Rng& rng);

// Fills x (F, T*B) and y (H, B) for `windows` (indices 0 .. count-1 within `split`).
template <typename Scalar>
void fill_batch(const PreparedData& data, Split split, std::span<const std::size_t> windows, BatchMatrix<Scalar>& x,
                BatchMatrix<Scalar>& y)
{
    const WindowPlan& plan = data.windows;
    const Eigen::Index features = data.features.rows();
    const Eigen::Index steps = Eigen::Index(plan.sequence_length);
    const Eigen::Index batch = Eigen::Index(windows.size());
    const Eigen::Index horizon = Eigen::Index(plan.horizon);
    if (x.rows() != features || x.cols() != steps * batch)
        x.resize(features, steps * batch);
    if (y.rows() != horizon || y.cols() != batch)
        y.resize(horizon, batch);
    const std::size_t count = plan[split].count;
    for (Eigen::Index b = 0; b < batch; ++b) {
        const std::size_t window = windows[std::size_t(b)];
        if (window >= count)
            throw Error("fill_batch: window " + std::to_string(window) + " is past the " + std::to_string(count) + " "
                        + std::string(split_name(split)) + " windows.");
        const Eigen::Index end = Eigen::Index(plan.end_row(split, window));
        for (Eigen::Index t = 0; t < steps; ++t) {
            const double* row = data.features.data() + (end - steps + 1 + t) * features;  // column of row end-T+1+t
            Scalar* out = x.data() + (t * batch + b) * features;
            for (Eigen::Index f = 0; f < features; ++f)
                out[f] = static_cast<Scalar>(row[f]);
        }
        for (Eigen::Index h = 0; h < horizon; ++h)
            y(h, b) = static_cast<Scalar>(data.target(end + 1 + h));
    }
}

} // namespace lstmlab

// Helpers for the nn suites: random tensors from the project's Rng and views of double buffers.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/parameters.h"

#include <vector>

namespace lstmlab::test {

inline ColMatrix<double> random_matrix(Rng& rng, Eigen::Index rows, Eigen::Index cols, double scale = 1.0)
{
    ColMatrix<double> m(rows, cols);
    for (Eigen::Index c = 0; c < cols; ++c)
        for (Eigen::Index r = 0; r < rows; ++r)
            m(r, c) = rng.uniform(-scale, scale);
    return m;
}

// Sum of elementwise products: a smooth scalar loss whose gradient w.r.t. `y` is `r`.
template <typename A, typename B>
double inner(const A& y, const B& r)
{
    return (y.array() * r.array()).sum();
}

inline std::vector<double> as_vector(const ColMatrix<double>& m)
{
    return std::vector<double>(m.data(), m.data() + m.size());
}

} // namespace lstmlab::test

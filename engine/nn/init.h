// Initialisation helpers, PyTorch's defaults: every recurrent tensor and every Linear tensor is drawn
// from U(-bound, bound) with bound = 1/sqrt(hidden) (recurrent) or 1/sqrt(fan_in) (Linear).
// Values are drawn in row-major order from the one seeded Rng, so a seed fixes a model exactly.
#pragma once

#include "engine/core/rng.h"

#include <cmath>

namespace lstmlab {

template <typename Derived>
void fill_uniform(Derived&& tensor, Rng& rng, double bound)
{
    using Scalar = typename std::decay_t<Derived>::Scalar;
    for (Eigen::Index r = 0; r < tensor.rows(); ++r)
        for (Eigen::Index c = 0; c < tensor.cols(); ++c)
            tensor(r, c) = static_cast<Scalar>(rng.uniform(-bound, bound));
}

} // namespace lstmlab

// Finite-difference gradient checking in double precision.
//
// For every scalar p_j of `values`, the fourth-order central difference
//   numeric_j = (-L(p + 2h e_j) + 8 L(p + h e_j) - 8 L(p - h e_j) + L(p - 2h e_j)) / (12 h)
// with truncation error O(h^4) and rounding error ~1e-16 |L| / h: with h = 1e-3 both are ~1e-12 |L|,
// a hundred times below a two-point difference at its best step. Compared with the analytic gradient a:
//   norm_relative = ||a - n|| / max(||a|| + ||n||, 1e-300)      (the usual gradcheck measure)
//   max_relative  = max_j |a_j - n_j| / max(|a_j| + |n_j|, floor), floor = 1e-4 * max_k |a_k|
//                   (elements 10^4 times smaller than the largest are judged against that floor:
//                   their finite difference is dominated by rounding)
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace lstmlab::test {

struct GradientCheck {
    double norm_relative = 0.0;
    double max_relative = 0.0;
    std::size_t worst_index = 0;
    double worst_analytic = 0.0;
    double worst_numeric = 0.0;
    std::size_t checked = 0;
    std::string describe() const;
};

// `loss` recomputes L from the current contents of `values` (which it must read, not copy once).
// `values` is restored before returning. `stride` > 1 checks every stride-th scalar only.
GradientCheck check_gradient(std::span<double> values, std::span<const double> analytic,
                             const std::function<double()>& loss, double h = 1e-3, std::size_t stride = 1);

// The same for every scalar of a Parameters: each perturbation is marked as a new version, so layers
// that cache packed weights (Parameters::version()) see it.
template <typename Params>
GradientCheck check_parameter_gradient(Params& params, std::span<const double> analytic,
                                       const std::function<double()>& loss, double h = 1e-3, std::size_t stride = 1)
{
    const GradientCheck result = check_gradient(params.mutable_values(), analytic, [&] {
        params.mark_changed();
        return loss();
    }, h, stride);
    params.mark_changed();   // the values were restored after the last loss()
    return result;
}

} // namespace lstmlab::test

// Diebold-Mariano test of equal predictive accuracy (Diebold & Mariano 1995), with the small-sample
// correction of Harvey, Leybourne & Newbold (1997): is the model's loss different from a baseline's
// (persistence), or could the difference be luck?
//
// Legend: n = forecasts (windows in time order), h = forecast horizon, L = squared error.
//   d_t      = L(model error_t) - L(baseline error_t)             loss differential, t = 1 .. n
//   dbar     = (1/n) sum_t d_t                                     < 0: the model's loss is lower
//   gamma_k  = (1/n) sum_{t=k+1}^{n} (d_t - dbar)(d_{t-k} - dbar)   autocovariance at lag k
//   V        = gamma_0 + 2 sum_{k=1}^{h-1} gamma_k                 long-run variance: h-step forecasts
//              from consecutive windows overlap, so d is MA(h-1) under the null
//              (if V <= 0, which the truncated sum allows, V = gamma_0 and `variance_fallback` is set)
//   DM       = dbar / sqrt(V / n)
//   DM*      = DM sqrt((n + 1 - 2h + h (h - 1) / n) / n)           HLN correction
//   p        = P(|T| >= |DM*|), T ~ Student t with n - 1 degrees of freedom (HLN's recommendation;
//              the normal of the original test overstates significance in small samples)
//   p_better = P(T <= DM*): the one-sided p-value of "the model's loss is lower"
// A multi-step model (H steps per window) is tested on d_t = the mean over its H steps of the
// per-step differentials, with h = H.
// n < 2 or V = 0 (identical losses) leaves the statistic and the p-values NaN.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace lstmlab {

struct DieboldMariano {
    std::size_t n = 0;
    std::size_t horizon = 1;                                            // h: h - 1 autocovariance lags
    double mean_difference = std::numeric_limits<double>::quiet_NaN();  // dbar (model - baseline)
    double long_run_variance = std::numeric_limits<double>::quiet_NaN();// V
    double statistic = std::numeric_limits<double>::quiet_NaN();        // DM* (HLN-corrected)
    double uncorrected = std::numeric_limits<double>::quiet_NaN();      // DM
    double p_value = std::numeric_limits<double>::quiet_NaN();          // two-sided, t(n - 1)
    double p_model_better = std::numeric_limits<double>::quiet_NaN();   // one-sided, t(n - 1)
    bool variance_fallback = false;                                     // V <= 0: gamma_0 used
};

// The test on a loss differential d (n), for forecasts `horizon` steps ahead (>= 1).
DieboldMariano diebold_mariano(const std::vector<double>& differential, std::size_t horizon);

// d_t = mean_h ((model_h,t - actual_h,t)^2 - (baseline_h,t - actual_h,t)^2), each matrix (H, W)
// stored column-major with W = n windows; the test runs with horizon H.
DieboldMariano diebold_mariano_squared(const double* actual, const double* model, const double* baseline,
                                       std::size_t steps, std::size_t windows);

} // namespace lstmlab

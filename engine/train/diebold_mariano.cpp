#include "engine/train/diebold_mariano.h"

#include "engine/train/student_t.h"

#include <cmath>

namespace lstmlab {

DieboldMariano diebold_mariano(const std::vector<double>& d, std::size_t horizon)
{
    DieboldMariano test;
    test.n = d.size();
    test.horizon = horizon < 1 ? 1 : horizon;
    if (test.n < 2)
        return test;
    const double n = double(test.n);
    double sum = 0.0;
    for (double v : d)
        sum += v;
    const double mean = sum / n;
    test.mean_difference = mean;
    const auto autocovariance = [&](std::size_t lag) {
        double s = 0.0;
        for (std::size_t t = lag; t < d.size(); ++t)
            s += (d[t] - mean) * (d[t - lag] - mean);
        return s / n;
    };
    const double gamma0 = autocovariance(0);
    double variance = gamma0;
    for (std::size_t k = 1; k < test.horizon && k < d.size(); ++k)
        variance += 2.0 * autocovariance(k);
    if (!(variance > 0.0)) {
        test.variance_fallback = variance != gamma0;
        variance = gamma0;
    }
    test.long_run_variance = variance;
    if (!(variance > 0.0))
        return test;
    const double h = double(test.horizon);
    test.uncorrected = mean / std::sqrt(variance / n);
    const double correction = (n + 1.0 - 2.0 * h + h * (h - 1.0) / n) / n;
    test.statistic = correction > 0.0 ? test.uncorrected * std::sqrt(correction) : test.uncorrected;
    test.p_value = student_t_two_sided(test.statistic, n - 1.0);
    test.p_model_better = student_t_cdf(test.statistic, n - 1.0);
    return test;
}

DieboldMariano diebold_mariano_squared(const double* actual, const double* model, const double* baseline,
                                       std::size_t steps, std::size_t windows)
{
    std::vector<double> d(windows, 0.0);
    for (std::size_t w = 0; w < windows; ++w) {
        for (std::size_t h = 0; h < steps; ++h) {
            const std::size_t k = w * steps + h;
            const double em = model[k] - actual[k], eb = baseline[k] - actual[k];
            d[w] += em * em - eb * eb;
        }
        d[w] /= double(steps);
    }
    return diebold_mariano(d, steps);
}

} // namespace lstmlab

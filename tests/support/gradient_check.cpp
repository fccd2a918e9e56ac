#include "gradient_check.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lstmlab::test {

std::string GradientCheck::describe() const
{
    std::ostringstream text;
    text << "norm relative error " << norm_relative << ", max element relative error " << max_relative
         << " at index " << worst_index << " (analytic " << worst_analytic << ", numeric " << worst_numeric << ")" << " (" << checked << " scalars checked)";
    return text.str();
}

GradientCheck check_gradient(std::span<double> values, std::span<const double> analytic,
                             const std::function<double()>& loss, double h, std::size_t stride)
{
    std::vector<double> numeric(values.size(), 0.0);
    std::vector<std::size_t> indices;
    for (std::size_t j = 0; j < values.size(); j += stride)
        indices.push_back(j);
    for (std::size_t j : indices) {
        const double saved = values[j];
        const auto at = [&](double offset) {
            values[j] = saved + offset;
            return loss();
        };
        numeric[j] = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
        values[j] = saved;
    }

    GradientCheck result;
    result.checked = indices.size();
    double scale = 0.0;
    for (std::size_t j : indices)
        scale = std::max(scale, std::abs(analytic[j]));
    const double floor = std::max(1e-4 * scale, 1e-300);
    double diff2 = 0.0, a2 = 0.0, n2 = 0.0;
    for (std::size_t j : indices) {
        const double d = analytic[j] - numeric[j];
        diff2 += d * d;
        a2 += analytic[j] * analytic[j];
        n2 += numeric[j] * numeric[j];
        const double rel = std::abs(d) / std::max(std::abs(analytic[j]) + std::abs(numeric[j]), floor);
        if (rel > result.max_relative || !std::isfinite(rel)) {
            result.max_relative = std::isfinite(rel) ? rel : INFINITY;
            result.worst_index = j;
            result.worst_analytic = analytic[j];
            result.worst_numeric = numeric[j];
        }
    }
    result.norm_relative = std::sqrt(diff2) / std::max(std::sqrt(a2) + std::sqrt(n2), 1e-300);
    return result;
}

} // namespace lstmlab::test

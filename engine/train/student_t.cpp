#include "engine/train/student_t.h"

#include <cmath>
#include <initializer_list>
#include <limits>

namespace lstmlab {
namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// The continued fraction of I_x(a, b) (A&S 26.5.8):
//   I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * 1 / (1 + d_1 / (1 + d_2 / (1 + ...)))
//   d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
//   d_{2m}   = m (b - m) x / ((a + 2m - 1)(a + 2m))
// evaluated with the modified Lentz method (tiny = 1e-300 keeps the divisors away from zero).
double beta_fraction(double x, double a, double b)
{
    constexpr double tiny = 1e-300;
    constexpr double epsilon = 1e-16;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::fabs(d) < tiny ? tiny : d);
    double f = d;
    for (int m = 1; m <= 1000; ++m) {
        for (const double coefficient : {m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
                                         -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))}) {
            d = 1.0 + coefficient * d;
            d = 1.0 / (std::fabs(d) < tiny ? tiny : d);
            c = 1.0 + coefficient / c;
            c = std::fabs(c) < tiny ? tiny : c;
            f *= c * d;
        }
        if (std::fabs(c * d - 1.0) < epsilon)
            break;
    }
    return f;
}

} // namespace

double regularized_incomplete_beta(double x, double a, double b)
{
    if (!(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0))
        return nan_value;
    if (x == 0.0 || x == 1.0)
        return x;
    // x^a (1 - x)^b / B(a, b) in logs: B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b).
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                                  b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * beta_fraction(x, a, b) / a;
    return 1.0 - front * beta_fraction(1.0 - x, b, a) / b;
}

double student_t_two_sided(double t, double nu)
{
    if (std::isnan(t) || !(nu > 0.0))
        return nan_value;
    if (std::isinf(nu))
        return std::erfc(std::fabs(t) / std::sqrt(2.0));
    if (std::isinf(t))
        return 0.0;
    return regularized_incomplete_beta(nu / (nu + t * t), nu / 2.0, 0.5);
}

double student_t_cdf(double t, double nu)
{
    const double tail = student_t_two_sided(t, nu) / 2.0;
    return t >= 0.0 ? 1.0 - tail : tail;
}

} // namespace lstmlab

// Student's t distribution: the tail probabilities a test statistic's p-value needs.
//
// For t with nu > 0 degrees of freedom, with x = nu / (nu + t^2):
//   P(|T| >= |t|) = I_x(nu / 2, 1 / 2)        (two-sided tail)
//   P(T <= t)     = 1 - I_x(nu/2, 1/2) / 2 for t >= 0, I_x(nu/2, 1/2) / 2 for t < 0
// where I_x(a, b) is the regularized incomplete beta function, evaluated by its continued fraction
// (modified Lentz; Abramowitz & Stegun 26.5.8) on the side where it converges fast
// (x < (a + 1) / (a + b + 2), otherwise through I_x(a, b) = 1 - I_{1-x}(b, a)). Accurate to ~1e-14.
// nu = +inf gives the standard normal.
#pragma once

namespace lstmlab {

// I_x(a, b) for a, b > 0 and x in [0, 1]; NaN otherwise.
double regularized_incomplete_beta(double x, double a, double b);

// P(T <= t) and P(|T| >= |t|); NaN for nu <= 0 or a NaN t.
double student_t_cdf(double t, double nu);
double student_t_two_sided(double t, double nu);

} // namespace lstmlab

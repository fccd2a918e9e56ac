// Transform: what a column's series becomes before scaling, and its inverse for the target.
//
// For a raw series p[0..n-1] (a price, a volume, ...), the transformed series x[r] is
//   level      x[r] = p[r]
//   diff       x[r] = p[r] - p[r-1]
//   return     x[r] = p[r] / p[r-1] - 1          (percent change as a fraction, like pandas pct_change)
//   logreturn  x[r] = log(p[r]) - log(p[r-1])    = log(p[r] / p[r-1])
//   log        x[r] = log(p[r])
// diff, return and logreturn need the previous row, so x[0] is undefined (NaN) for them.
// The price path implied by transformed values y[1..H] after a last known price P_t (the honest
// multi-step inversion: every step chains from P_t, never from an unknown later price) is
//   level P_{t+h} = y[h];  diff P_t + sum_{k<=h} y[k];  return P_t * prod_{k<=h} (1 + y[k]);
//   logreturn P_t * exp(sum_{k<=h} y[k]);  log exp(y[h]).
#pragma once

#include "engine/data/frame.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class Transform { Level, Diff, Return, LogReturn, Log };

// "level", "diff", "return", "logreturn", "log"
std::string_view transform_name(Transform transform);
// Inverse of transform_name; throws Error naming `option` for anything else.
Transform parse_transform(std::string_view text, std::string_view option = "--target-transform");

// True for diff, return and logreturn: row 0 has no value.
bool transform_needs_previous_row(Transform transform);

// True for return, logreturn and log: defined only for a series of positive values (a price).
bool transform_needs_positive_values(Transform transform);

// Empty when `transform` can be applied to every value of the Number column `column`; otherwise the
// sentence apply_transform() would throw for the first value <= 0, naming file:line, the column and
// the transforms that work (level, diff). The workbench shows it beside the Transform choice.
std::string transform_domain_problem(const Frame& frame, std::string_view column, Transform transform);

// x (n) for the Number column `column` of `frame`. Throws Error naming file:line and column for a
// missing value or a value <= 0 under return, logreturn or log (transform_domain_problem).
std::vector<double> apply_transform(const Frame& frame, std::string_view column, Transform transform);

// Price levels P_{t+1..t+H} (into prices[0..H-1]) from transformed values y[0..H-1] after the last
// known price `last_price` = P_t. `last_price` is unused for level and log.
void transformed_to_prices(Transform transform, double last_price, const double* transformed, std::size_t horizon,
                           double* prices);

} // namespace lstmlab

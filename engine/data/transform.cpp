#include "engine/data/transform.h"

#include "engine/core/setting_error.h"
#include "engine/core/number_text.h"
#include "engine/data/cell_parse.h"

#include <cmath>
#include <limits>

namespace lstmlab {

std::string_view transform_name(Transform transform)
{
    switch (transform) {
    case Transform::Level: return "level";
    case Transform::Diff: return "diff";
    case Transform::Return: return "return";
    case Transform::LogReturn: return "logreturn";
    case Transform::Log: return "log";
    }
    return "level";
}

Transform parse_transform(std::string_view text, std::string_view option)
{
    for (Transform transform : {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn, Transform::Log})
        if (text == transform_name(transform))
            return transform;
    throw Error(std::string(option) + ": " + quote_for_message(text)
                + " is not a transform; use level, diff, return, logreturn or log.");
}

bool transform_needs_previous_row(Transform transform)
{
    return transform == Transform::Diff || transform == Transform::Return || transform == Transform::LogReturn;
}

bool transform_needs_positive_values(Transform transform)
{
    return transform == Transform::Return || transform == Transform::LogReturn || transform == Transform::Log;
}

std::string transform_domain_problem(const Frame& frame, std::string_view column, Transform transform)
{
    if (!transform_needs_positive_values(transform))
        return {};
    const std::vector<double>& p = frame.numeric_column(column).values;
    for (std::size_t r = 0; r < p.size(); ++r)
        if (p[r] <= 0.0)   // NaN (a missing value) is the missing-value policy's business
            return frame.where(r, column) + ": the " + std::string(transform_name(transform))
                 + " transform needs positive values (a price), and this one is " + significant(p[r])
                 + "; for a series that reaches 0 or below use the level or diff transform.";
    return {};
}

std::vector<double> apply_transform(const Frame& frame, std::string_view column, Transform transform)
{
    const std::vector<double>& p = frame.numeric_column(column).values;
    const std::size_t n = p.size();
    for (std::size_t r = 0; r < n; ++r)
        if (std::isnan(p[r]))
            throw SettingError({frame.where(r, column) + ": missing value; the pipeline needs every used value, so load with ",
                                SettingRef{"missing", "drop"}, " or ", SettingRef{"missing", "ffill"}, "."});
    std::vector<double> x(n, std::numeric_limits<double>::quiet_NaN());
    if (const std::string problem = transform_domain_problem(frame, column, transform); !problem.empty())
        throw Error(problem);
    switch (transform) {
    case Transform::Level:
        x = p;
        break;
    case Transform::Diff:
        for (std::size_t r = 1; r < n; ++r)
            x[r] = p[r] - p[r - 1];
        break;
    case Transform::Return:
        for (std::size_t r = 1; r < n; ++r)
            x[r] = p[r] / p[r - 1] - 1.0;
        break;
    case Transform::LogReturn:
        for (std::size_t r = 1; r < n; ++r)
            x[r] = std::log(p[r]) - std::log(p[r - 1]);
        break;
    case Transform::Log:
        for (std::size_t r = 0; r < n; ++r)
            x[r] = std::log(p[r]);
        break;
    }
    return x;
}

void transformed_to_prices(Transform transform, double last_price, const double* transformed, std::size_t horizon,
                           double* prices)
{
    double running = 0.0;   // cumulative sum (diff, logreturn)
    double growth = 1.0;    // cumulative product (return)
    for (std::size_t h = 0; h < horizon; ++h) {
        const double y = transformed[h];
        switch (transform) {
        case Transform::Level:
            prices[h] = y;
            break;
        case Transform::Diff:
            running += y;
            prices[h] = last_price + running;
            break;
        case Transform::Return:
            growth *= 1.0 + y;
            prices[h] = last_price * growth;
            break;
        case Transform::LogReturn:
            running += y;
            prices[h] = last_price * std::exp(running);
            break;
        case Transform::Log:
            prices[h] = std::exp(y);
            break;
        }
    }
}

} // namespace lstmlab

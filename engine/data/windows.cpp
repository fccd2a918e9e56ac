#include "engine/data/windows.h"

#include "engine/core/error.h"
#include "engine/core/setting_error.h"

#include <algorithm>

#include <cmath>

namespace lstmlab {
std::size_t floor_share(std::size_t total, double fraction)
{
    return std::size_t(std::floor(double(total) * fraction + 1e-9));
}

std::string_view split_name(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Validation: return "validation";
    case Split::Test: return "test";
    }
    return "train";
}

void validate_fractions(const SplitFractions& fractions)
{
    const double parts[] = {fractions.train, fractions.validation, fractions.test};
    for (double part : parts)
        if (!(part >= 0.0 && part <= 1.0))
            throw SettingError({SettingRef{"split"}, ": every split fraction must be between 0 and 1, got " +
                                                         std::to_string(part) + "."});
    if (!(fractions.train > 0.0))
        throw SettingError({SettingRef{"split"}, ": the training fraction must be positive."});
    const double sum = fractions.train + fractions.validation + fractions.test;
    if (std::abs(sum - 1.0) > 1e-9)
        throw SettingError({SettingRef{"split"}, ": the split fractions must sum to 1, got " + std::to_string(sum) + "."});
}

WindowPlan plan_windows(std::size_t rows, std::size_t first_usable_row, std::size_t sequence_length, std::size_t horizon,
                        const SplitFractions& fractions, std::string_view source)
{
    validate_fractions(fractions);
    if (sequence_length == 0 || horizon == 0)
        throw Error(std::string(source) + ": the sequence length and the horizon must be at least 1.");
    const std::size_t needed = first_usable_row + sequence_length + horizon;
    if (rows < needed)
        throw Error(std::string(source) + ": " + std::to_string(rows) + " rows are too few for one window of sequence length "
                    + std::to_string(sequence_length) + " and horizon " + std::to_string(horizon) + " (it needs "
                    + std::to_string(needed) + " rows" + (first_usable_row > 0 ? ", one more for the transform" : "")
                    + ").");
    WindowPlan plan;
    plan.sequence_length = sequence_length;
    plan.horizon = horizon;
    const std::size_t t_min = first_usable_row + sequence_length - 1;
    const std::size_t t_max = rows - 1 - horizon;
    plan.candidates = t_max - t_min + 1;
    const std::size_t train = floor_share(plan.candidates, fractions.train);
    const std::size_t validation = floor_share(plan.candidates, fractions.validation);
    const std::array<std::size_t, 3> assigned = {train, validation, plan.candidates - train - validation};

    std::size_t begin = 0;  // window index (t - t_min) of the split's first candidate
    for (std::size_t s = 0; s < 3; ++s) {
        SplitWindows& split = plan.splits[s];
        const std::size_t end = begin + assigned[s];
        // Windows before a later boundary lose the last H - 1: their targets reach row t_min + end + 1.
        const std::size_t straddling = end < plan.candidates ? std::min(assigned[s], horizon - 1) : 0;
        split.first_end = t_min + begin;
        split.count = assigned[s] - straddling;
        split.dropped = straddling;
        begin = end;
    }
    const double requested[] = {fractions.train, fractions.validation, fractions.test};
    for (std::size_t s = 0; s < 3; ++s)
        if (requested[s] > 0.0 && plan.splits[s].count == 0)
            throw Error(std::string(source) + ": the " + std::string(split_name(Split(s))) + " split gets no window ("
                        + std::to_string(plan.candidates) + " windows of sequence length " + std::to_string(sequence_length)
                        + " and horizon " + std::to_string(horizon) + " in " + std::to_string(rows)
                        + " rows); use more data, a shorter window or a larger fraction.");
    return plan;
}

std::string WindowPlan::summary() const
{
    std::string text = std::to_string(splits[0].count) + " training, " + std::to_string(splits[1].count) + " validation, "
                     + std::to_string(splits[2].count) + " test windows";
    if (dropped() > 0)
        text += "; " + std::to_string(dropped()) + " dropped at split boundaries (horizon " + std::to_string(horizon) + ")";
    return text;
}

} // namespace lstmlab

#include "engine/data/scaler.h"

#include "engine/core/error.h"
#include "engine/core/setting_error.h"
#include "engine/data/cell_parse.h"

#include <algorithm>
#include <cmath>

namespace lstmlab {

std::string_view scaler_name(ScalerKind kind)
{
    switch (kind) {
    case ScalerKind::ZScore: return "zscore";
    case ScalerKind::MinMax: return "minmax";
    case ScalerKind::None: return "none";
    }
    return "zscore";
}

ScalerKind parse_scaler(std::string_view text, std::string_view option)
{
    for (ScalerKind kind : {ScalerKind::ZScore, ScalerKind::MinMax, ScalerKind::None})
        if (text == scaler_name(kind))
            return kind;
    throw Error(std::string(option) + ": " + quote_for_message(text) + " is not a scaler; use zscore, minmax or none.");
}

ScalerStats fit_scaler(ScalerKind kind, const std::vector<double>& values, std::size_t first, std::size_t last,
                       const std::string& what)
{
    if (kind == ScalerKind::None)
        return {};
    if (first > last || last >= values.size())
        throw Error(what + ": no training rows to fit the " + std::string(scaler_name(kind)) + " scaler on.");
    const double count = double(last - first + 1);
    ScalerStats stats;
    if (kind == ScalerKind::ZScore) {
        double sum = 0.0;
        for (std::size_t r = first; r <= last; ++r)
            sum += values[r];
        const double mean = sum / count;
        double squares = 0.0;  // two passes: no cancellation from sum(x^2) - n mean^2
        for (std::size_t r = first; r <= last; ++r)
            squares += (values[r] - mean) * (values[r] - mean);
        stats = {mean, std::sqrt(squares / count)};
    } else {
        const auto [low, high] = std::minmax_element(values.begin() + std::ptrdiff_t(first),
                                                     values.begin() + std::ptrdiff_t(last) + 1);
        stats = {*low, *high - *low};
    }
    if (!(stats.scale > 0.0) || !std::isfinite(stats.scale))
        throw SettingError({what + ": the training rows are constant (or not finite), so the " +
                                std::string(scaler_name(kind)) + " scaler would divide by zero; drop the column or use ",
                            SettingRef{"scaler", "none"}, "."});
    return stats;
}

} // namespace lstmlab

#include "engine/io/forecast_csv.h"

#include "engine/core/csv_format.h"
#include "engine/core/number_text.h"

namespace lstmlab {

std::string forecast_csv(const FutureForecast& f, const std::string& time_name)
{
    std::string csv = "step," + csv_field(time_name) + ",predicted";
    if (f.calibration)
        for (double level : f.calibration->levels)
            csv += ",lower_" + significant(100.0 * level, 4) + ",upper_" + significant(100.0 * level, 4);
    csv += "\n";
    for (std::size_t h = 0; h < f.predicted.size(); ++h) {
        csv += std::to_string(h + 1) + "," + csv_field(f.times.labels[h]) + "," + csv_number(f.predicted[h]);
        for (const IntervalBounds& b : f.intervals)
            csv += "," + csv_number(b.lower(Eigen::Index(h), 0)) + "," + csv_number(b.upper(Eigen::Index(h), 0));
        csv += "\n";
    }
    return csv;
}

} // namespace lstmlab

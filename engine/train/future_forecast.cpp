#include "engine/train/future_forecast.h"

#include "engine/core/error.h"
#include "engine/train/forecast.h"

namespace lstmlab {

FutureForecast forecast_future(Model<float>& model, const PreparedData& data, const std::vector<double>& levels,
                               const ConformalCalibration* stored)
{
    const std::size_t n = data.rows();
    const std::size_t T = data.windows.sequence_length;
    const std::size_t H = data.windows.horizon;
    if (n < T + data.first_usable_row)
        throw Error(data.pipeline.source_file + ": " + std::to_string(n) + " rows are too few for the last window of "
                    + std::to_string(T) + " rows.");
    FutureForecast future;
    future.last_row = n - 1;
    future.last_value = data.target_level[n - 1];
    // x (F, T): column t = the scaled features of row n - T + t (batch 1: fill_batch's layout).
    const Eigen::MatrixXf x = data.features.middleCols(Eigen::Index(n - T), Eigen::Index(T)).cast<float>();
    const Eigen::MatrixXd scaled = model.forward(x, int(T), 1, Mode::inference).cast<double>();   // (H, 1)
    const Eigen::MatrixXd values = predictions_to_prices(data.pipeline, {future.last_value}, scaled);
    future.predicted.assign(values.data(), values.data() + H);
    future.times = future_times(data.time_format, data.time_keys, n, H);
    if (stored)
        future.calibration = select_levels(*stored, levels);
    future.calibration_stored = future.calibration.has_value();
    if (!future.calibration && data.windows[Split::Validation].count > 0) {
        const Forecast validation = forecast_split(model, data, Split::Validation, false);
        future.calibration = calibrate_intervals(data.pipeline.config.target.transform, validation.prices,
                                                 validation.predicted, levels);
    }
    if (future.calibration) {
        for (std::size_t l = 0; l < levels.size(); ++l)
            future.intervals.push_back(interval_bounds(*future.calibration, l, {future.last_value}, values));
    }
    return future;
}

} // namespace lstmlab

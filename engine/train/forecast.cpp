#include "engine/train/forecast.h"

#include "engine/data/batch.h"

#include <algorithm>
#include <numeric>

namespace lstmlab {

Forecast forecast_split(Model<float>& model, const PreparedData& data, Split split, bool with_attention, int batch)
{
    Forecast forecast;
    forecast.split = split;
    forecast.prices = split_prices(data, split);
    const std::size_t count = data.windows[split].count;
    const int T = int(data.windows.sequence_length);
    const Eigen::Index H = Eigen::Index(data.windows.horizon);
    forecast.scaled_outputs.resize(H, Eigen::Index(count));
    const bool attention = with_attention && model.spec().attention;
    if (attention)
        forecast.attention.resize(Eigen::Index(count), T);

    BatchMatrix<float> x, y;
    std::vector<std::size_t> windows;
    for (std::size_t first = 0; first < count; first += std::size_t(batch)) {
        const std::size_t n = std::min(std::size_t(batch), count - first);
        windows.resize(n);
        std::iota(windows.begin(), windows.end(), first);
        fill_batch<float>(data, split, windows, x, y);
        const auto outputs = model.forward(x, T, int(n), Mode::inference);
        forecast.scaled_outputs.middleCols(Eigen::Index(first), Eigen::Index(n)) = outputs.cast<double>();
        if (attention)
            forecast.attention.middleRows(Eigen::Index(first), Eigen::Index(n)) = model.attention_weights();
    }
    forecast.predicted = predictions_to_prices(data.pipeline, forecast.prices.last_price, forecast.scaled_outputs);
    return forecast;
}

} // namespace lstmlab

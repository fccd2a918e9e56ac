#include "engine/data/batch.h"

#include <numeric>
#include <utility>

namespace lstmlab {

void shuffle_windows(std::vector<std::size_t>& order, Rng& rng)
{
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[rng.below(i)]);
}

std::vector<std::size_t> window_order(const PreparedData& data, Split split, Rng& rng)
{
    std::vector<std::size_t> order(data.windows[split].count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    if (split == Split::Train)
        shuffle_windows(order, rng);
    return order;
}

} // namespace lstmlab

// How the benchmark times calls: a latency is the median of single calls, each timed on its own
// (as tests/benchmarks/bench_torch.py times PyTorch's). A block's mean per call would count every
// preemption of the machine into every call, and the two sides would not measure the same thing.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace lstmlab {

// The middle value of `values` (the mean of the middle two for an even count; 0 for none).
inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Calls `work` until `seconds` of Clock time have passed since the first call began, appending each
// call's own duration in seconds to `calls` unless it is null (the bookkeeping between calls is not
// counted). Returns the number of calls.
template <typename Clock, typename Work>
long time_each_call(Work&& work, double seconds, std::vector<double>* calls)
{
    const auto start = Clock::now();
    long count = 0;
    for (;;) {
        const auto before = Clock::now();
        work();
        const auto after = Clock::now();
        if (calls)
            calls->push_back(std::chrono::duration<double>(after - before).count());
        ++count;
        if (std::chrono::duration<double>(after - start).count() >= seconds)
            return count;
    }
}

} // namespace lstmlab

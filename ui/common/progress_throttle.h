// ProgressThrottle: at most one progress update per `interval` from a worker thread, so the GUI redraws
// a few times a second however often the engine reports (tiny models finish hundreds of epochs a
// second). One per reporting stream: the training worker's run, the walk-forward job, each sweep trial.
// Not thread-safe: each throttle is used by the one thread that reports into it.
#pragma once

#include <chrono>

namespace lstmlab::ui {

class ProgressThrottle {
public:
    static constexpr std::chrono::milliseconds interval{100};

    // True on the first call, when `force` is (an epoch's end that must reach the charts), and once
    // `interval` has passed since the last true; the caller then sends its update.
    bool due(bool force = false)
    {
        const auto now = std::chrono::steady_clock::now();
        if (!force && m_last != std::chrono::steady_clock::time_point{} && now - m_last < interval)
            return false;
        m_last = now;
        return true;
    }
    // The next due() is true again (a new run).
    void reset() { m_last = {}; }

private:
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace lstmlab::ui

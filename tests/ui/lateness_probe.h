// LatenessProbe (R9): a 10 ms precise QTimer on the GUI thread that records how late each tick
// fires. The GUI tests assert its 99th percentile stays under p99LimitMs while the engine works.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace lstmlab::test {

class LatenessProbe : public QObject {
public:
    static constexpr int tickMs = 10;
    static constexpr double p99LimitMs = 50.0;

    LatenessProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(tickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = double(m_clock.nsecsElapsed()) / 1e6;
            m_lateness.push_back(std::max(0.0, now - m_last - tickMs));
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    // The p-quantile (0..1) of the lateness so far, in milliseconds.
    double percentile(double p) const
    {
        std::vector<double> sorted = m_lateness;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, std::size_t(p * double(sorted.size())))];
    }
    std::size_t ticks() const { return m_lateness.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    std::vector<double> m_lateness;
};

} // namespace lstmlab::test

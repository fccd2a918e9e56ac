// RunControl: how a front end steers a training run that runs on another thread -- stop, pause,
// resume, shut down. The run's progress callback calls proceed() after every batch: it blocks while
// paused (until resumed, stopped or shut down) and returns false once a stop is requested, so both are
// acknowledged within one batch (docs/reliability.md, R10). Every member is safe from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace lstmlab {

class RunControl {
public:
    // The run stops after its current batch; a pause is lifted.
    void stop();
    void pause() { m_pause = true; }
    void resume();
    // stop() for good: new runs refuse to start (the window is closing).
    void shut_down();

    // At the start of a run: forget an earlier stop (not a shutdown).
    void clear_stop() { m_stop = false; }
    bool stop_requested() const { return m_stop; }
    bool shutting_down() const { return m_shutdown; }

    // From the training thread, after every batch. Blocks while paused, calling on_pause(true) before
    // and on_pause(false) after waiting; returns false when the run must stop.
    bool proceed(const std::function<void(bool paused)>& on_pause = {});

private:
    void release();   // wakes a paused run

    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_pause{false};
    std::atomic<bool> m_shutdown{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace lstmlab

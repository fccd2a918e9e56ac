#include "engine/workflow/run_control.h"

namespace lstmlab {

void RunControl::release()
{
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void RunControl::stop()
{
    m_stop = true;
    m_pause = false;
    release();
}

void RunControl::resume()
{
    m_pause = false;
    release();
}

void RunControl::shut_down()
{
    m_shutdown = true;
    stop();
}

bool RunControl::proceed(const std::function<void(bool paused)>& on_pause)
{
    if (m_pause && !m_stop) {
        if (on_pause)
            on_pause(true);
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_pause || m_stop || m_shutdown; });
        }
        if (on_pause)
            on_pause(false);
    }
    return !m_stop;
}

} // namespace lstmlab

#include "ui/common/background_job.h"

#include <algorithm>
#include <cerrno>
#include <utility>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lstmlab::ui {

void BackgroundJob::lowerCurrentThreadPriority()
{
    thread_local bool lowered = false;
    if (std::exchange(lowered, true))
        return;
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        ::setpriority(PRIO_PROCESS, tid, std::min(19, nice + niceness));
}

BackgroundJob::BackgroundJob(const QString& name, QObject* parent) : QObject(parent), m_name(name)
{
    setObjectName(name);
}

BackgroundJob::~BackgroundJob() { abandon(); }

void BackgroundJob::run(std::function<void()> task, std::function<void()> done)
{
    std::unique_lock lock(m_mutex);
    m_queue.push_back({std::move(task), std::move(done), m_generation});
    if (m_active)
        return;   // the running thread takes it after the tasks before it
    // A thread that found its queue empty has ended or is about to: join it, start a fresh one.
    if (m_thread.joinable())
        m_thread.join();
    m_cancel = false;
    m_active = true;
    m_thread = std::thread([this] { drain(); });
}

// On the job's thread.
void BackgroundJob::drain()
{
    lowerCurrentThreadPriority();
    for (;;) {
        Item item;
        {
            std::lock_guard lock(m_mutex);
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        item.task();
        bool last;
        {
            std::lock_guard lock(m_mutex);
            last = m_queue.empty();
            if (last)
                m_active = false;   // from here run() starts a new thread
        }
        // Delivered to the GUI thread; an abandon() in between makes the generation stale and drops it.
        post([this, done = std::move(item.done), last, generation = item.generation] {
            if (generation != m_generation)
                return;
            if (last)
                joinIfEnded();
            if (done)
                done();
        });
        if (last)
            return;
    }
}

void BackgroundJob::joinIfEnded()
{
    std::unique_lock lock(m_mutex);
    if (!m_active && m_thread.joinable())
        m_thread.join();   // it has posted its last call: returns at once
}

void BackgroundJob::abandon()
{
    cancel();
    ++m_generation;
    wait();
}

void BackgroundJob::wait()
{
    // No task can be queued meanwhile (run() is called on this thread), so the thread ends after
    // the queue is empty.
    if (m_thread.joinable())
        m_thread.join();
}

bool BackgroundJob::isRunning() const { return m_thread.joinable(); }

} // namespace lstmlab::ui

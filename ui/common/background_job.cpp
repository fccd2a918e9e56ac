#include "ui/common/background_job.h"

#include <algorithm>
#include <cerrno>
#include <utility>

#include <pthread.h>
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

BackgroundJob::BackgroundJob(const QString& name, Lifetime lifetime, QObject* parent)
    : QObject(parent), m_name(name), m_lifetime(lifetime)
{
    setObjectName(name);
    if (lifetime == Lifetime::Kept) {   // started at once, before the jobs that run and end (see the header)
        m_active = true;
        m_thread = std::thread([this] { drain(); });
    }
}

BackgroundJob::~BackgroundJob() { abandon(); }

void BackgroundJob::run(std::function<void()> task, std::function<void()> done)
{
    std::unique_lock lock(m_mutex);
    if (!std::exchange(m_busy, true))
        m_cancel = false;   // a fresh job
    m_queue.push_back({std::move(task), std::move(done), m_generation});
    if (m_active) {
        m_wake.notify_all();   // the thread takes it after the tasks before it
        return;
    }
    // A thread that found its queue empty has ended or is about to: join it, start a fresh one.
    if (m_thread.joinable())
        m_thread.join();
    m_active = true;
    m_thread = std::thread([this] { drain(); });
}

// On the job's thread.
void BackgroundJob::drain()
{
    ::pthread_setname_np(::pthread_self(), m_name.left(15).toUtf8().constData());   // for ps, gdb, perf
    lowerCurrentThreadPriority();
    for (;;) {
        Item item;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty()) {   // a kept thread asked to end by wait()
                m_active = false;
                return;
            }
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        item.task();
        bool last;
        {
            std::lock_guard lock(m_mutex);
            m_busy = !m_queue.empty();
            last = !m_busy && m_lifetime == Lifetime::PerRun;
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
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_wake.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
    std::lock_guard lock(m_mutex);
    m_stopping = false;
}

bool BackgroundJob::isRunning() const { return m_thread.joinable(); }

} // namespace lstmlab::ui

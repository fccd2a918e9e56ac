// BackgroundJob: the one way ui/ runs work off the GUI thread (data loading, training, walk-forward,
// local and Slurm sweeps).
//
// Why this shape (docs/reliability.md): a closed window must not lose work (R3, R10), cancel must
// reach the work within one batch or chunk, background work must not starve the GUI thread (R9), and
// results must reach the widgets on the GUI thread only. So:
// - One std::thread per job. Lifetime::PerRun (a sweep, a walk-forward run, a file load): started
//   when a task is queued, ended when its queue is empty. Lifetime::Kept (the training session, many
//   short requests): started with the job and kept until wait(); started early on purpose, so that its
//   thread gets its own malloc arena instead of reusing the one a finished loader thread left, which
//   holds the GUI's long-lived data (tst_soak's resident memory then grew 12-17 MiB over 20
//   train/stop cycles instead of staying within a few). Tasks run in the order queued (a save asked
//   for during training runs after the training). A plain thread rather than a QThread with an event
//   loop: the work is long engine calls that take callbacks, not slots, and a plain thread can lower
//   its own priority.
// - The thread lowers its own scheduling priority (nice + `niceness`; Linux: nice is per thread, and
//   threads it starts inherit it), so with every core busy the GUI thread still gets one when it wakes.
// - cancel() sets an atomic flag the tasks pass to the engine's callbacks (cancelFlag()); the engine
//   reads it after every batch or 1 MiB chunk.
// - post() queues a call to the GUI thread (this object's thread) from any thread; `done` of run()
//   runs there after its task, and after the thread is joined when it was the last queued task.
// - wait() joins the thread after the queued tasks have run (their `done` calls still follow);
//   abandon() -- also the destructor -- cancels, joins and drops the `done` calls not yet delivered
//   (the owner starts afresh or goes away). Calls posted for a destroyed job are dropped by Qt.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace lstmlab::ui {

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    // The background thread runs this much nicer than the GUI thread.
    static constexpr int niceness = 5;

    enum class Lifetime { PerRun, Kept };

    explicit BackgroundJob(const QString& name, Lifetime lifetime = Lifetime::PerRun, QObject* parent = nullptr);
    ~BackgroundJob() override;   // abandon()

    // Queues `task` for the job's thread (started when none runs; a fresh job clears the cancel flag).
    // `done`, when given, runs on the GUI thread once the task has returned. Tasks catch their own
    // exceptions (nothing may escape a thread).
    void run(std::function<void()> task, std::function<void()> done = {});
    // The running and the queued tasks see isCancelled() from now on.
    void cancel() { m_cancel = true; }
    // Blocks until the queued tasks have run and the thread has ended (a kept one too).
    void wait();
    // cancel(), wait(), and the `done` calls of the tasks run so far are never delivered.
    void abandon();

    bool isRunning() const;   // a thread exists that has not been joined
    bool isCancelled() const { return m_cancel; }
    const std::atomic<bool>& cancelFlag() const { return m_cancel; }

    // From any thread: `call` runs on the GUI thread, queued behind what was posted before.
    template <typename Call>
    void post(Call&& call)
    {
        QMetaObject::invokeMethod(this, std::forward<Call>(call), Qt::QueuedConnection);
    }

    // Lowers the calling thread's priority by `niceness`, once per thread; for threads the engine
    // starts on behalf of a job (a sweep's trial threads).
    static void lowerCurrentThreadPriority();

private:
    struct Item {
        std::function<void()> task;
        std::function<void()> done;
        std::uint64_t generation = 0;   // m_generation when queued
    };
    void drain();                 // the thread's body
    void joinIfEnded();           // on the GUI thread

    QString m_name;
    mutable std::mutex m_mutex;
    std::deque<Item> m_queue;     // guarded by m_mutex
    Lifetime m_lifetime;
    std::condition_variable m_wake;   // a task queued, or wait() asks a kept thread to end
    bool m_active = false;        // guarded: the thread still takes tasks
    bool m_busy = false;          // guarded: a task is queued or running
    bool m_stopping = false;      // guarded: wait() is joining
    std::thread m_thread;         // started and joined on the GUI thread only
    std::atomic<bool> m_cancel{false};
    std::uint64_t m_generation = 0;   // GUI thread only: bumped by abandon(), drops stale `done` calls
};

} // namespace lstmlab::ui

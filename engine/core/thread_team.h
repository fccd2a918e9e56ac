// ThreadTeam: a fixed group of threads that run one job together, for the engine's compute kernels.
//
// run(job) calls job(member) for member = 0 .. size()-1 at once, member 0 on the calling thread, and
// returns when every member has finished. Inside a job, barrier() waits until all members reach it,
// so one job can hold several phases (pack weights | barrier | time loop | barrier | gradients).
// Nothing is allocated per run: the job is passed by reference, and the threads wait on atomics
// (a short spin, then a futex sleep through std::atomic::wait, so an idle team costs no CPU and a
// descheduled member on a busy machine does not stall the others for long).
// How work is split between members is the caller's business; the engine's kernels split it so that
// every number is computed by one member in a fixed order, which keeps results independent of size().
// Members run with denormals flushed to zero (FTZ/DAZ on x86): subnormal floats are exceptionally
// slow on x86 and never matter to a forecast. Jobs must not throw.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace lstmlab {

class ThreadTeam {
public:
    // threads >= 1; starts threads - 1 workers.
    explicit ThreadTeam(int threads);
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    int size() const { return m_size; }

    template <typename Job>
    void run(Job&& job)
    {
        using Decayed = std::remove_reference_t<Job>;
        start(&job, [](void* object, int member) { (*static_cast<Decayed*>(object))(member); });
    }

    // Inside a job only: returns when every member has called it (reusable).
    void barrier();

private:
    using Trampoline = void (*)(void*, int);
    void start(void* job, Trampoline call);
    void worker(int member);

    int m_size;
    std::vector<std::thread> m_workers;
    void* m_job = nullptr;
    Trampoline m_call = nullptr;
    std::atomic<std::uint32_t> m_generation{0};   // bumped by run(): a new job is ready
    std::atomic<int> m_running{0};                // workers still inside the current job
    std::atomic<int> m_arrived{0};                // members at the current barrier
    std::atomic<std::uint32_t> m_barrier_generation{0};
    bool m_stop = false;
};

// Sets (Flush) or clears (!Flush) FTZ/DAZ on this thread for the guard's lifetime, then restores the
// caller's mode (no-op off x86).
template <bool Flush>
class DenormalsGuard {
public:
    DenormalsGuard();
    ~DenormalsGuard();
    DenormalsGuard(const DenormalsGuard&) = delete;
    DenormalsGuard& operator=(const DenormalsGuard&) = delete;

private:
    unsigned m_saved = 0;
};
// What a team's members run with (see above).
using DenormalsFlushed = DenormalsGuard<true>;
// For work on a team's threads that must treat subnormals as IEEE 754 does, as PyTorch does (the
// optimizer step).
using DenormalsKept = DenormalsGuard<false>;

} // namespace lstmlab

#include "engine/core/thread_team.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define LSTMLAB_X86 1
#endif

namespace lstmlab {
namespace {

// Spins this many rounds before sleeping on the futex: a member that arrives a few microseconds
// late is met by a spinning peer, a long wait costs no CPU.
constexpr int spin_rounds = 4000;

inline void relax()
{
#ifdef LSTMLAB_X86
    _mm_pause();
#endif
}

template <typename T>
void wait_while_equal(const std::atomic<T>& value, T old)
{
    for (int k = 0; k < spin_rounds; ++k) {
        if (value.load(std::memory_order_acquire) != old)
            return;
        relax();
    }
    while (value.load(std::memory_order_acquire) == old)
        value.wait(old, std::memory_order_acquire);
}

} // namespace

template <bool Flush>
DenormalsGuard<Flush>::DenormalsGuard()
{
#ifdef LSTMLAB_X86
    constexpr unsigned bits = 0x8040u;   // FTZ (bit 15) | DAZ (bit 6)
    m_saved = _mm_getcsr();
    _mm_setcsr(Flush ? (m_saved | bits) : (m_saved & ~bits));
#endif
}

template <bool Flush>
DenormalsGuard<Flush>::~DenormalsGuard()
{
#ifdef LSTMLAB_X86
    _mm_setcsr(m_saved);
#endif
}

template class DenormalsGuard<true>;
template class DenormalsGuard<false>;

ThreadTeam::ThreadTeam(int threads) : m_size(threads < 1 ? 1 : threads)
{
    m_workers.reserve(std::size_t(m_size - 1));
    for (int member = 1; member < m_size; ++member)
        m_workers.emplace_back([this, member] { worker(member); });
}

ThreadTeam::~ThreadTeam()
{
    m_stop = true;
    m_running.store(m_size - 1, std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    for (std::thread& thread : m_workers)
        thread.join();
}

void ThreadTeam::start(void* job, Trampoline call)
{
    DenormalsFlushed flushed;
    if (m_size == 1) {
        call(job, 0);
        return;
    }
    m_job = job;
    m_call = call;
    m_running.store(m_size - 1, std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    call(job, 0);
    for (int left = m_running.load(std::memory_order_acquire); left != 0;
         left = m_running.load(std::memory_order_acquire))
        wait_while_equal(m_running, left);
}

void ThreadTeam::worker(int member)
{
    DenormalsFlushed flushed;
    std::uint32_t seen = 0;
    for (;;) {
        wait_while_equal(m_generation, seen);
        seen = m_generation.load(std::memory_order_acquire);
        if (m_stop)
            return;
        m_call(m_job, member);
        if (m_running.fetch_sub(1, std::memory_order_acq_rel) == 1)
            m_running.notify_all();
    }
}

void ThreadTeam::barrier()
{
    if (m_size == 1)
        return;
    const std::uint32_t generation = m_barrier_generation.load(std::memory_order_acquire);
    if (m_arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == m_size) {
        m_arrived.store(0, std::memory_order_relaxed);
        m_barrier_generation.fetch_add(1, std::memory_order_release);
        m_barrier_generation.notify_all();
        return;
    }
    wait_while_equal(m_barrier_generation, generation);
}

} // namespace lstmlab

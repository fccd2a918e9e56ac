// WorkShares: how the members of a thread team divide a job's items (windows of a batch, unit
// blocks of a step, GEMM output columns), in proportion to how fast each member ran its part of the
// last jobs.
//
// Why not halves: the virtual CPUs of a cloud machine do not run at one speed. On the development VM
// (2 vCPUs, 2026-11-27) a loop of independent zmm FMAs pinned to one vCPU ran 5.3 per ns while the
// same loop on the other ran 3.0-3.5 for seconds at a time, then both 5.3 again. Split in halves, the
// faster member waits for the slower one for a third of every job: two threads trained the h512
// preset 1.3x faster than one instead of 1.6-1.8x. Shares follow the measured speeds, so the split
// boundary moves to where both finish together.
//
// No number changes: whichever member computes a window, a unit block or an output column computes
// it with the same operations in the same order (the kernels' contract, checked by tst_threads with
// forced uneven shares). Only who computes it moves.
//
// Threading: range() is read by every member during a job; record() writes the member's own slot;
// update() runs between jobs (ComputeContext::run calls it after the team has finished), so the
// team's own synchronisation orders them and nothing here is atomic.
#pragma once

#include "engine/nn/gemm.h"

#include <chrono>
#include <vector>

namespace lstmlab {

class WorkShares {
public:
    explicit WorkShares(int members);

    int members() const { return int(m_share.size()); }
    double share(int member) const { return m_share[std::size_t(member)]; }

    // Items [begin, end) of `member` out of `count`, split between `members` (1, or all of them) in
    // proportion to the shares; boundaries are multiples of `quantum` (rounded to the nearest) except
    // the end of the last range. Every item lands in exactly one range.
    Range range(Eigen::Index count, int member, int members, Eigen::Index quantum) const;

    // The calling member did `items` of the current job in `seconds` of its own work (waits excluded).
    void record(int member, double items, double seconds);
    // Between jobs: blends the speeds recorded by the last job into the shares (half the old share,
    // half the new measurement), when every member recorded enough work to time; clears the records.
    void update();

    // Tests: fixed shares (normalised), no longer updated from measurements. Throws
    // std::invalid_argument for a negative or non-finite share, or when they add up to 0.
    void fix(const std::vector<double>& shares);

    // A member's share never drops below this fraction of an equal share (a member descheduled
    // during one job must get enough work in the next to measure its real speed again).
    static constexpr double min_fraction_of_equal = 0.2;
    // Parts shorter than this are not timed precisely enough to move the shares.
    static constexpr double min_seconds = 20e-6;

private:
    struct alignas(64) Record {   // one cache line per member: members write their own
        double items = 0;
        double seconds = 0;
    };
    std::vector<double> m_share;   // sums to 1
    std::vector<Record> m_records;
    bool m_fixed = false;
};

// Seconds of work since construction (or the last restart), for WorkShares::record.
class Stopwatch {
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(); }
    void restart() { m_start = std::chrono::steady_clock::now(); }

private:
    std::chrono::steady_clock::time_point m_start;
};

} // namespace lstmlab

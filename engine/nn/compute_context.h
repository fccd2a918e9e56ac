// ComputeContext: what a layer's kernels run on, the thread team, one GEMM workspace per member and
// the members' shares of split work (work_shares.h).
//
// A Model owns one and hands it to its layers; a layer used on its own creates a one-thread context
// on first use. Results do not depend on the number of threads: every kernel splits its work so that
// each number is computed by one member in a fixed order (see gemm.h and the recurrent kernels).
#pragma once

#include "engine/core/thread_team.h"
#include "engine/nn/gemm.h"
#include "engine/nn/work_shares.h"

#include <memory>
#include <vector>

namespace lstmlab {

template <typename Scalar>
class ComputeContext {
public:
    explicit ComputeContext(int threads = 1)
        : m_team(threads), m_workspaces(std::size_t(m_team.size())), m_shares(m_team.size())
    {
    }

    int threads() const { return m_team.size(); }
    ThreadTeam& team() { return m_team; }
    GemmWorkspace<Scalar>& workspace(int member) { return m_workspaces[std::size_t(member)]; }

    // How many members a job of `multiply_adds` should use: all of them, or 1 when waking the others
    // would cost more than it saves (`per_member` is the least work worth a member).
    int members_for(double multiply_adds, double per_member = min_work_per_member) const
    {
        return multiply_adds >= per_member * threads() ? threads() : 1;
    }

    // Runs job(member, members) on `members` members: the whole team, or the calling thread alone.
    // Members that split items with share() time their part and record() it; the shares follow.
    template <typename Job>
    void run(int members, Job&& job)
    {
        if (members <= 1 || threads() == 1) {
            DenormalsFlushed flushed;
            job(0, 1);
            m_shares.update();   // drops the lone member's records: shares come from team runs
            return;
        }
        m_team.run([&](int member) { job(member, threads()); });
        m_shares.update();
    }
    // A member's items out of `count` (see WorkShares::range) and, after its work, its timing.
    Range share(Eigen::Index count, int member, int members, Eigen::Index quantum) const
    {
        return m_shares.range(count, member, members, quantum);
    }
    void record(int member, const Range& items, double seconds)
    {
        m_shares.record(member, double(items.end - items.begin), seconds);
    }
    WorkShares& shares() { return m_shares; }
    // A barrier between the phases of a job started by run(members, ...).
    void barrier(int members)
    {
        if (members > 1)
            m_team.barrier();
    }

    // C (+)= A B over every column, the columns split between the members.
    void gemm(const StackedRows<Scalar>& a, const MatrixView<Scalar>& b, Scalar* c, Eigen::Index ldc,
              bool accumulate)
    {
        const double work = double(a.rows()) * double(a.cols()) * double(b.cols);
        const int members = b.cols < 2 * gemm_blocking::columns ? 1 : members_for(work);
        run(members, [&](int member, int count) {
            const Range range = share(b.cols, member, count, gemm_blocking::columns);
            const Stopwatch timer;
            lstmlab::gemm(a, b, c, ldc, accumulate, workspace(member), range.begin, range.end);
            record(member, range, timer.seconds());
        });
    }

    // Multiply-adds below which a second member costs more (waking it, waiting for it) than it saves.
    static constexpr double min_work_per_member = 100e3;
    // A step split by units pays a barrier per step: 40 ns when both members arrive together, more
    // in practice (the slower member, the other half of h_{t-1} crossing between cores), so it needs
    // a few microseconds' work per member. 30e3 splits an h128 step and keeps h64 on one thread;
    // single-window latency of stacked h128x2 went from 255 to 177 us with 2 threads (200e3 kept it
    // on one).
    static constexpr double min_step_work_per_member = 30e3;

private:
    ThreadTeam m_team;
    std::vector<GemmWorkspace<Scalar>> m_workspaces;
    WorkShares m_shares;
};

} // namespace lstmlab

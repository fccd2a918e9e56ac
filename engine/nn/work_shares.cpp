#include "engine/nn/work_shares.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lstmlab {

using Eigen::Index;

WorkShares::WorkShares(int members)
    : m_share(std::size_t(std::max(members, 1)), 1.0 / std::max(members, 1)),
      m_records(std::size_t(std::max(members, 1)))
{
}

Range WorkShares::range(Index count, int member, int members, Index quantum) const
{
    if (members <= 1)
        return {0, count};
    if (members != this->members())
        return split_range(count, member, members, quantum);
    // Boundary m is the first item after members 0 .. m-1: the shares' running sum, in quanta.
    const Index quanta = (count + quantum - 1) / quantum;
    const auto boundary = [&](int m) -> Index {
        if (m <= 0)
            return 0;
        if (m >= members)
            return count;
        double before = 0;
        for (int k = 0; k < m; ++k)
            before += m_share[std::size_t(k)];
        const Index q = std::clamp<Index>(Index(std::llround(before * double(quanta))), 0, quanta);
        return std::min(count, q * quantum);
    };
    return {boundary(member), boundary(member + 1)};
}

void WorkShares::record(int member, double items, double seconds)
{
    Record& record = m_records[std::size_t(member)];
    record.items += items;
    record.seconds += seconds;
}

void WorkShares::update()
{
    const int n = members();
    bool timed = !m_fixed && n > 1;
    double total = 0;
    for (const Record& record : m_records) {
        timed = timed && record.items > 0 && record.seconds >= min_seconds;
        total += timed ? record.items / record.seconds : 0;
    }
    if (timed) {
        // New share = (old + measured speed / total speed) / 2, at least the floor, renormalised.
        const double floor = min_fraction_of_equal / n;
        double sum = 0;
        for (int m = 0; m < n; ++m) {
            const Record& record = m_records[std::size_t(m)];
            double& share = m_share[std::size_t(m)];
            share = std::max(floor, 0.5 * share + 0.5 * (record.items / record.seconds) / total);
            sum += share;
        }
        for (double& share : m_share)
            share /= sum;
    }
    std::fill(m_records.begin(), m_records.end(), Record{});
}

void WorkShares::fix(const std::vector<double>& shares)
{
    double sum = 0;
    for (int m = 0; m < members(); ++m) {
        const double share = m < int(shares.size()) ? shares[std::size_t(m)] : 0;
        if (!(share >= 0) || !std::isfinite(share))
            throw std::invalid_argument("WorkShares::fix: share " + std::to_string(m) + " is not a finite number >= 0");
        sum += share;
    }
    if (!(sum > 0))
        throw std::invalid_argument("WorkShares::fix: the shares add up to 0; at least one member needs work");
    for (int m = 0; m < members(); ++m)
        m_share[std::size_t(m)] = m < int(shares.size()) ? shares[std::size_t(m)] / sum : 0;
    m_fixed = true;
}

} // namespace lstmlab

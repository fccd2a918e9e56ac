#include "engine/train/adam.h"

#include "engine/nn/simd.h"

#include <algorithm>
#include <cmath>

namespace lstmlab {

template <typename Scalar>
Adam<Scalar>::Adam(AdamConfig config, std::size_t parameter_count)
    : m_config(config), m_exp_avg(parameter_count, Scalar(0)), m_exp_avg_sq(parameter_count, Scalar(0))
{
}

template <typename Scalar>
struct Adam<Scalar>::Coefficients {
    Scalar beta1, beta2, decay, eps, step_size, correction2_sqrt;
};

template <typename Scalar>
typename Adam<Scalar>::Coefficients Adam<Scalar>::next_step()
{
    ++m_steps;
    const double t = static_cast<double>(m_steps);
    // Bias corrections are computed in double, as PyTorch does on the Python side.
    return Coefficients{static_cast<Scalar>(m_config.beta1),
                        static_cast<Scalar>(m_config.beta2),
                        static_cast<Scalar>(m_config.weight_decay),
                        static_cast<Scalar>(m_config.eps),
                        static_cast<Scalar>(m_config.learning_rate / (1.0 - std::pow(m_config.beta1, t))),
                        static_cast<Scalar>(std::sqrt(1.0 - std::pow(m_config.beta2, t)))};
}

template <typename Scalar>
void Adam<Scalar>::step(AlignedVector<Scalar>& values, const AlignedVector<Scalar>& grads)
{
    const Coefficients c = next_step();
    update(values.data(), grads.data(), 0, values.size(), c);
}

template <typename Scalar>
void Adam<Scalar>::step(AlignedVector<Scalar>& values, const AlignedVector<Scalar>& grads,
                        ComputeContext<Scalar>& compute)
{
    const Coefficients c = next_step();
    constexpr std::size_t P = simd::packet_size<Scalar>;
    const std::size_t n = values.size();
    const int members = compute.members_for(double(n), min_scalars_per_member);
    compute.run(members, [&](int member, int count) {
        DenormalsKept kept;   // the team flushes subnormals; the update must not (PyTorch does not)
        const Range packets = compute.share(Eigen::Index((n + P - 1) / P), member, count, 1);
        const Stopwatch timer;
        update(values.data(), grads.data(), std::size_t(packets.begin) * P, std::min(n, std::size_t(packets.end) * P), c);
        compute.record(member, packets, timer.seconds());
    });
}

// Scalars [begin, end) (begin a multiple of the packet size): one pass, a packet at a time (the tail
// through the same packet operations, so every element is computed alike wherever a split puts it);
// sqrt and division are exact per lane, as in scalar code.
template <typename Scalar>
void Adam<Scalar>::update(Scalar* p, const Scalar* g, std::size_t begin, std::size_t end, const Coefficients& c)
{
    using namespace simd;
    using PacketT = Packet<Scalar>;
    constexpr int P = packet_size<Scalar>;
    const PacketT b1 = pset1<PacketT>(c.beta1), one_minus_b1 = pset1<PacketT>(Scalar(1) - c.beta1);
    const PacketT b2 = pset1<PacketT>(c.beta2), one_minus_b2 = pset1<PacketT>(Scalar(1) - c.beta2);
    const PacketT wd = pset1<PacketT>(c.decay), epsilon = pset1<PacketT>(c.eps);
    const PacketT step = pset1<PacketT>(c.step_size), c2 = pset1<PacketT>(c.correction2_sqrt);
    Scalar* m = m_exp_avg.data();
    Scalar* v = m_exp_avg_sq.data();
    for (std::size_t k = begin; k < end; k += P) {
        const int count = int(std::min<std::size_t>(P, end - k));
        const PacketT pk = load_partial(p + k, count);
        const PacketT grad = padd(load_partial(g + k, count), pmul(wd, pk));                           // (1)
        const PacketT mk = padd(pmul(b1, load_partial(m + k, count)), pmul(one_minus_b1, grad));       // (2)
        const PacketT vk = padd(pmul(b2, load_partial(v + k, count)), pmul(pmul(one_minus_b2, grad), grad)); // (3)
        const PacketT denominator = padd(pdiv(sqrt_exact<Scalar>(vk), c2), epsilon);
        store_partial(m + k, mk, count);
        store_partial(v + k, vk, count);
        store_partial(p + k, psub(pk, pdiv(pmul(step, mk), denominator)), count);                     // (4)
    }
}

template class Adam<float>;
template class Adam<double>;

} // namespace lstmlab

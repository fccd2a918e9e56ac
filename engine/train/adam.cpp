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
void Adam<Scalar>::step(AlignedVector<Scalar>& values, const AlignedVector<Scalar>& grads)
{
    ++m_steps;
    const double t = static_cast<double>(m_steps);
    const Scalar beta1 = static_cast<Scalar>(m_config.beta1);
    const Scalar beta2 = static_cast<Scalar>(m_config.beta2);
    const Scalar decay = static_cast<Scalar>(m_config.weight_decay);
    const Scalar eps = static_cast<Scalar>(m_config.eps);
    // Bias corrections are computed in double, as PyTorch does on the Python side.
    const Scalar step_size = static_cast<Scalar>(m_config.learning_rate / (1.0 - std::pow(m_config.beta1, t)));
    const Scalar correction2_sqrt = static_cast<Scalar>(std::sqrt(1.0 - std::pow(m_config.beta2, t)));

    // One pass, a packet at a time (the tail through the same packet operations, so every element is
    // computed alike); sqrt and division are exact per lane, as in scalar code.
    using namespace simd;
    using PacketT = Packet<Scalar>;
    constexpr int P = packet_size<Scalar>;
    const PacketT b1 = pset1<PacketT>(beta1), one_minus_b1 = pset1<PacketT>(Scalar(1) - beta1);
    const PacketT b2 = pset1<PacketT>(beta2), one_minus_b2 = pset1<PacketT>(Scalar(1) - beta2);
    const PacketT wd = pset1<PacketT>(decay), epsilon = pset1<PacketT>(eps);
    const PacketT step = pset1<PacketT>(step_size), c2 = pset1<PacketT>(correction2_sqrt);
    const std::size_t n = values.size();
    Scalar* p = values.data();
    const Scalar* g = grads.data();
    Scalar* m = m_exp_avg.data();
    Scalar* v = m_exp_avg_sq.data();
    for (std::size_t k = 0; k < n; k += P) {
        const int count = int(std::min<std::size_t>(P, n - k));
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

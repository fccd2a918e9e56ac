#include "engine/train/adam.h"

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

    const std::size_t n = values.size();
    Scalar* p = values.data();
    const Scalar* g = grads.data();
    Scalar* m = m_exp_avg.data();
    Scalar* v = m_exp_avg_sq.data();
    for (std::size_t k = 0; k < n; ++k) {
        const Scalar grad = g[k] + decay * p[k];                                  // (1)
        m[k] = beta1 * m[k] + (Scalar(1) - beta1) * grad;                          // (2)
        v[k] = beta2 * v[k] + (Scalar(1) - beta2) * grad * grad;                   // (3)
        p[k] -= step_size * m[k] / (std::sqrt(v[k]) / correction2_sqrt + eps);    // (4)
    }
}

template class Adam<float>;
template class Adam<double>;

} // namespace lstmlab

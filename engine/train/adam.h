// Adam: Kingma & Ba (2015), with PyTorch's semantics (torch.optim.Adam, amsgrad=False).
//
// For step t = 1, 2, ... and every scalar parameter p with gradient g:
//   (1) g  = g + weight_decay * p                      L2 penalty folded into the gradient
//   (2) m  = beta1 * m + (1 - beta1) * g
//   (3) v  = beta2 * v + (1 - beta2) * g^2
//   (4) p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
// eps sits outside the square root and after the bias correction of v, exactly as in PyTorch.
// The moments live in flat buffers with the layout of Parameters, so a checkpoint stores them
// under the tensor names ("optimizer.exp_avg.<name>").
#pragma once

#include "engine/core/aligned_vector.h"
#include "engine/nn/compute_context.h"

#include <cstdint>
#include <vector>

namespace lstmlab {

struct AdamConfig {
    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.0;
};

template <typename Scalar>
class Adam {
public:
    Adam(AdamConfig config, std::size_t parameter_count);

    // One update of `values` from `grads` (both of parameter_count scalars).
    void step(AlignedVector<Scalar>& values, const AlignedVector<Scalar>& grads);
    // The same update with the scalars split between the members of `compute`'s team (a model's, so
    // the update does not run on one core while the other waits): the same bits, subnormals kept.
    void step(AlignedVector<Scalar>& values, const AlignedVector<Scalar>& grads, ComputeContext<Scalar>& compute);

    AdamConfig& config() { return m_config; }
    const AdamConfig& config() const { return m_config; }
    std::int64_t steps() const { return m_steps; }
    AlignedVector<Scalar>& exp_avg() { return m_exp_avg; }
    AlignedVector<Scalar>& exp_avg_sq() { return m_exp_avg_sq; }
    const AlignedVector<Scalar>& exp_avg() const { return m_exp_avg; }
    const AlignedVector<Scalar>& exp_avg_sq() const { return m_exp_avg_sq; }
    void set_steps(std::int64_t steps) { m_steps = steps; }

    // Parameters below which a second member costs more than it saves (waking it: microseconds; an
    // update: ~0.5 ns per scalar).
    static constexpr double min_scalars_per_member = 32e3;

private:
    struct Coefficients;
    Coefficients next_step();
    void update(Scalar* values, const Scalar* grads, std::size_t begin, std::size_t end, const Coefficients& c);

    AdamConfig m_config;
    std::int64_t m_steps = 0;
    AlignedVector<Scalar> m_exp_avg;     // m, one per parameter scalar
    AlignedVector<Scalar> m_exp_avg_sq;  // v, one per parameter scalar
};

} // namespace lstmlab

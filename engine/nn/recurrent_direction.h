// RecurrentDirection: one direction of one recurrent layer, run over a whole batch of sequences.
//
//   x   (I, T*B)   input sequence (tensor_types.h layout)
//   y   (H, T*B)   hidden state after each step, in time order (also for the reverse direction)
// A forward direction walks t = 0 .. T-1; a reverse direction walks t = T-1 .. 0, exactly like the
// `_reverse` half of PyTorch's bidirectional RNNs. Initial states are zero.
// A training forward() keeps what backward() needs (gate activations, states); backward() must follow
// one on the same x, accumulates parameter gradients and adds its input gradient into dx. An inference
// forward() may keep less (the outputs are the same bits).
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/compute_context.h"
#include "engine/nn/tensor_types.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace lstmlab {

template <typename Scalar>
class RecurrentDirection {
public:
    virtual ~RecurrentDirection() = default;

    virtual void initialize(Rng& rng) = 0;
    virtual void forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode = Mode::training) = 0;
    // (H, T*B) outputs of the last forward().
    virtual Eigen::Map<const ColMatrix<Scalar>> output() const = 0;
    // dy (H, T*B): gradient of the loss w.r.t. output(). dx (I, T*B) += input gradient, when dx is non-null.
    virtual void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx) = 0;
    virtual int hidden() const = 0;

    // The team and workspaces to run on (the owning Model's); without one, a one-thread context is
    // created on first use.
    void set_context(ComputeContext<Scalar>* context) { m_context = context; }

protected:
    ComputeContext<Scalar>& context()
    {
        if (!m_context) {
            m_own_context = std::make_unique<ComputeContext<Scalar>>(1);
            m_context = m_own_context.get();
        }
        return *m_context;
    }
    // Whether a forward keeps the activations backward() reads (training mode), remembered for
    // require_training_forward().
    bool keeps_activations(Mode mode)
    {
        m_kept_activations = mode == Mode::training;
        return m_kept_activations;
    }
    // At the start of backward(): throws std::logic_error unless the last forward was a training one.
    void require_training_forward(const char* cell) const
    {
        if (!m_kept_activations)
            throw std::logic_error(std::string(cell) + "::backward() needs a training-mode forward() first (an "
                                   "inference forward keeps no gate activations)");
    }

private:
    bool m_kept_activations = false;
    ComputeContext<Scalar>* m_context = nullptr;
    std::unique_ptr<ComputeContext<Scalar>> m_own_context;
};

// WeightSnapshot: which Parameters::version() a packing of a layer's weights was made from, so that
// forwards with unchanged weights (inference, evaluation, single-window latency) skip the packing and
// read nothing but the packed copy. Comparing the bytes instead took a quarter of a single-window
// forward of stacked h128x2 (two more passes over the weights). The sanitizer build keeps a copy and
// compares it too (LSTMLAB_VERIFY_WEIGHT_VERSIONS), so a write that bypassed the version fails there.
template <typename Scalar>
class WeightSnapshot {
public:
    // True when `count` scalars from `offset` of `params` may differ from the last packing; then
    // remembers the version.
    bool update(const Parameters<Scalar>& params, std::size_t offset, std::size_t count)
    {
        const bool same = m_version == params.version();
#ifdef LSTMLAB_VERIFY_WEIGHT_VERSIONS
        const Scalar* source = params.values().data() + offset;
        if (same && std::memcmp(m_copy.data(), source, count * sizeof(Scalar)) != 0)
            throw std::logic_error("weights changed without a new Parameters::version(): a mutable reference was "
                                   "written after a forward without mark_changed()");
        if (!same)
            m_copy.assign(source, source + count);
#else
        (void)offset;
        (void)count;
#endif
        if (same)
            return false;
        m_version = params.version();
        ++m_generation;
        return true;
    }
    // Increases with every repacking.
    std::uint64_t generation() const { return m_generation; }

private:
    std::uint64_t m_version = 0;   // Parameters versions start at 1
    std::uint64_t m_generation = 0;
#ifdef LSTMLAB_VERIFY_WEIGHT_VERSIONS
    AlignedVector<Scalar> m_copy;
#endif
};

// How a recurrent kernel splits a batch between the members of a team: by columns (windows) when
// every member gets at least `columns` of them, otherwise by units, with a barrier after every step.
// Either way each number is computed by exactly the same operations.
inline bool split_by_units(int batch, int threads, int columns)
{
    return threads > 1 && batch < threads * columns;
}

// Step order helpers shared by the cells. States are stored with one extra zero block: a forward
// direction keeps h_t in block t+1 (block 0 = initial zero state), a reverse one keeps h_t in block t
// (block T = initial zero state). So the previous state of step t is block t (forward) or t+1 (reverse).
struct StepOrder {
    int steps;
    bool reverse;
    int time_at(int k) const { return reverse ? steps - 1 - k : k; }
    int state_block(int t) const { return reverse ? t : t + 1; }
    int previous_block(int t) const { return reverse ? t + 1 : t; }
    int initial_block() const { return reverse ? steps : 0; }
    int output_first_block() const { return reverse ? 0 : 1; }
    int previous_first_block() const { return reverse ? 1 : 0; }
};

} // namespace lstmlab

// Model: the network a ModelSpec describes, in one flat parameter buffer.
//
//   x           (I, T*B)     input windows (tensor_types.h layout)
//   stack       (D, T*B)     RecurrentStack outputs
//   features    (D, B)       the last step's outputs, or (2D, B) = [last; context] with attention
//   predictions (O, B)       fc = Linear(D or 2D -> O)
//   attention   (B, T)       weights of each window over its steps (attention models only)
// The step a trainer runs reads: zero_grad -> forward -> loss -> backward -> optimizer update.
// forward() and backward() allocate nothing once they have seen the largest batch.
// set_threads(n) runs the recurrent layers on a team of n threads (engine/core/thread_team.h).
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/attention.h"
#include "engine/nn/linear.h"
#include "engine/nn/model_spec.h"
#include "engine/nn/recurrent_stack.h"

#include <memory>

namespace lstmlab {

template <typename Scalar>
class Model {
public:
    // Declares and allocates every parameter (zero); call initialize() or load values afterwards.
    explicit Model(const ModelSpec& spec);
    // The layers hold references into m_params: a Model stays where it was built.
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    // PyTorch's default initialisation drawn from `rng`, layers bottom to top, then attention, then fc.
    void initialize(Rng& rng);

    // Returns the predictions (O, B). `dropout_rng` draws dropout masks in training mode.
    Eigen::Map<const ColMatrix<Scalar>> forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode,
                                                Rng* dropout_rng = nullptr);
    // Attention weights (B, T) of the last forward; empty (0 x 0) without attention.
    Eigen::Map<const ColMatrix<Scalar>> attention_weights() const;

    // d_predictions (O, B) -> parameter gradients (accumulated) and, when dx is non-null, the input
    // gradient (I, T*B). Must follow a training-mode forward() on the same x.
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& d_predictions,
                  SeqMap<Scalar>* dx = nullptr);

    // Threads of the recurrent kernels (1 by default). Results are the same bits for any count.
    void set_threads(int threads);
    int threads() const { return m_context->threads(); }
    // The team the layers run on, for work between forward and backward passes (the optimizer step)
    // and for tests (which fix uneven work shares).
    ComputeContext<Scalar>& compute() { return *m_context; }

    const ModelSpec& spec() const { return m_spec; }
    Parameters<Scalar>& parameters() { return m_params; }
    const Parameters<Scalar>& parameters() const { return m_params; }

private:
    ModelSpec m_spec;
    std::unique_ptr<ComputeContext<Scalar>> m_context;   // before the layers that point to it
    Parameters<Scalar> m_params;
    RecurrentStack<Scalar> m_stack;
    std::unique_ptr<Attention<Scalar>> m_attention;
    Linear<Scalar> m_head;

    int m_steps = 0;
    int m_batch = 0;
    Buffer<Scalar> m_features;        // (D or 2D, B)
    Buffer<Scalar> m_predictions;     // (O, B)
    Buffer<Scalar> m_feature_grad;    // (D or 2D, B)
    Buffer<Scalar> m_stack_grad;      // (D, T*B)
};

// The tensors Model(spec) declares -- names, shapes and offsets, in the same order -- WITHOUT
// allocating them: a summary of the largest model ModelSpec allows (32 GB of weights) or the tensors a
// checkpoint must hold need no weights. Validates the spec (throws Error).
std::vector<TensorInfo> parameter_layout(const ModelSpec& spec);

} // namespace lstmlab

// RecurrentStack: the recurrent part of a model, layer 0 at the bottom, with per-layer hidden sizes.
//
//   x        (I, T*B)          input sequence
//   layer k  (D_k, T*B)        D_k = hidden[k] x directions; a bidirectional layer stacks the forward
//                              direction's outputs over the reverse direction's ([fwd; bwd], PyTorch order)
//   output   (D, T*B)          the top layer's outputs
// Inter-layer dropout (training only): y_k <- y_k * m_k / (1 - p) with m_k ~ Bernoulli(1 - p), applied to
// every layer's output but the top one's, exactly what nn.LSTM(dropout=p) does.
// Parameter names follow PyTorch: one multi-layer module when every layer has the same size
// ("lstm.weight_ih_l1_reverse"), one single-layer module per layer otherwise ("lstm.1.weight_ih_l0").
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/model_spec.h"
#include "engine/nn/recurrent_direction.h"

#include <memory>
#include <vector>

namespace lstmlab {

template <typename Scalar>
class RecurrentStack {
public:
    RecurrentStack(Parameters<Scalar>& params, const ModelSpec& spec);

    void initialize(Rng& rng);
    // The team and workspaces every direction runs on.
    void set_context(ComputeContext<Scalar>* context);
    // `rng` draws the dropout masks; it may be null in inference mode or when dropout is 0.
    void forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode, Rng* rng);
    Eigen::Map<const ColMatrix<Scalar>> output() const;    // (D, T*B)
    // d_output (D, T*B); writes dx (I, T*B) when non-null. Follows a training-mode forward().
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& d_output, SeqMap<Scalar>* dx);

private:
    struct Layer {
        std::vector<std::unique_ptr<RecurrentDirection<Scalar>>> directions;  // forward[, reverse]
        int width = 0;                   // D_k
        bool dropout = false;            // masks applied to this layer's output in training
        Buffer<Scalar> output;           // (D_k, T*B) after dropout, when `copied`
        bool copied = false;             // the last forward wrote `output` (two directions or a mask);
                                         // otherwise the one direction's own output is the layer's
        Buffer<Scalar> mask;             // (D_k, T*B) 0 or 1/(1-p)
        Buffer<Scalar> output_grad;      // (D_k, T*B)
    };
    ConstSeqRef<Scalar> layer_input(const ConstSeqRef<Scalar>& x, std::size_t k) const;
    Eigen::Map<const ColMatrix<Scalar>> layer_output(std::size_t k) const;

    double m_dropout;
    std::vector<Layer> m_layers;
    bool m_masks_active = false;         // the last forward applied dropout masks
};

} // namespace lstmlab

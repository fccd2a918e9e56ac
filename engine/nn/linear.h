// Linear: y = W x + b, PyTorch's nn.Linear.
//
//   x      (in, B)       input columns
//   weight (out, in)     row-major, PyTorch layout
//   bias   (out)         optional (the attention's v has none)
//   y      (out, B)
// Backward, given dy (out, B):
//   dW += dy x^T         db += sum over columns of dy         dx = W^T dy
// Initialisation (PyTorch): W, b ~ U(-1/sqrt(in), 1/sqrt(in)).
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/tensor_types.h"

#include <string>

namespace lstmlab {

template <typename Scalar>
class Linear {
public:
    Linear(Parameters<Scalar>& params, const std::string& name, int in, int out, bool bias = true);

    void initialize(Rng& rng);
    // y = W x + b; y must already have shape (out, B).
    void forward(const ConstSeqRef<Scalar>& x, SeqRef<Scalar> y);
    // Accumulates dW, db; writes dx = W^T dy when dx is non-null (shape (in, B)).
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx);

    int in() const { return m_in; }
    int out() const { return m_out; }

private:
    Parameters<Scalar>& m_params;
    int m_in;
    int m_out;
    int m_weight;      // (out, in)
    int m_bias = -1;   // (out) or -1
};

} // namespace lstmlab

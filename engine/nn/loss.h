// Losses between predictions and targets, both (O, B), averaged over all O*B elements
// (PyTorch's reduction='mean'). With d = prediction - target and N = O*B:
//   mse    L = sum d^2 / N                                   dL/dp = 2 d / N
//   mae    L = sum |d| / N                                   dL/dp = sign(d) / N   (sign(0) = 0)
//   huber  L = sum h(d) / N, h = d^2/2 if |d| < delta else delta (|d| - delta/2)
//                                                            dL/dp = clamp(d, -delta, delta) / N
// (huber with delta = 1, nn.HuberLoss's default). Sums run in double for a stable value in float.
#pragma once

#include "engine/nn/tensor_types.h"

#include <string_view>

namespace lstmlab {

enum class LossKind { mse, mae, huber };

std::string_view loss_name(LossKind kind);
LossKind parse_loss(std::string_view text);   // throws Error naming --loss

// Returns L; writes dL/dpredictions into `gradient` (O, B) when it is non-null.
template <typename Scalar>
double compute_loss(LossKind kind, const ConstSeqRef<Scalar>& predictions, const ConstSeqRef<Scalar>& targets,
                    SeqMap<Scalar>* gradient);

} // namespace lstmlab

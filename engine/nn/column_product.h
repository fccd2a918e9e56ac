// column_product: y(:, j) = A x(:, j) for every column j, each element one dot product summed the same
// way whatever the number of columns and wherever they sit in memory.
//
//   A (M, K)   row-major, leading dimension lda (a PyTorch weight, or a column block of one)
//   x (K, N)   column-major, leading dimension ldx
//   y (M, N)   column-major, leading dimension ldy
// y(m, j) = sum over k of A(m, k) x(k, j): packets of P lanes along k in k order (the tail packet
// zero-padded), then the P lanes added in a fixed tree. Eigen's product sums in a different order for
// one column (a matrix-vector product) than for several (a blocked matrix product), so a window's
// forecast could differ in the last bit between a batch of one and a bigger batch; the small products
// of the head and of attention use this instead, and a window's prediction does not depend on its
// batch (tst_batch_invariance). For those sizes (M x K at most a few (2H, 2H), N a batch) the speed
// of a matrix-vector product is enough.
#pragma once

#include "engine/nn/simd.h"

namespace lstmlab {

template <typename Scalar>
void column_product(const Scalar* a, Eigen::Index M, Eigen::Index K, Eigen::Index lda, const Scalar* x,
                    Eigen::Index ldx, Eigen::Index N, Scalar* y, Eigen::Index ldy)
{
    using PacketT = simd::Packet<Scalar>;
    constexpr Eigen::Index P = simd::packet_size<Scalar>;
    for (Eigen::Index j = 0; j < N; ++j) {
        const Scalar* column = x + j * ldx;
        for (Eigen::Index m = 0; m < M; ++m) {
            const Scalar* row = a + m * lda;
            PacketT sum = Eigen::internal::pset1<PacketT>(Scalar(0));
            Eigen::Index k = 0;
            for (; k + P <= K; k += P)
                sum = simd::pmadd(simd::ploadu<PacketT>(row + k), simd::ploadu<PacketT>(column + k), sum);
            if (k < K) {
                const int tail = int(K - k);
                sum = simd::pmadd(simd::load_partial(row + k, tail), simd::load_partial(column + k, tail), sum);
            }
            y[j * ldy + m] = Eigen::internal::predux(sum);
        }
    }
}

} // namespace lstmlab

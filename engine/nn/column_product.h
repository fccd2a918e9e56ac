// column_product: y(:, j) = A x(:, j) for every column j, each element one dot product summed the same
// way whatever the number of columns and wherever they sit in memory.
//
//   A (M, K)   row-major, leading dimension lda (a PyTorch weight, or a column block of one)
//   x (K, N)   column-major, leading dimension ldx
//   y (M, N)   column-major, leading dimension ldy
// y(m, j) = sum over k of A(m, k) x(k, j): four running sums of packets of P lanes, packet i of k going
// to sum i mod 4 in k order (a zero-padded tail packet goes to the next sum in turn), then
// (s0 + s1) + (s2 + s3) and its P lanes added in a fixed tree -- an order fixed by K alone. Eigen's
// product sums in a different order for one column (a matrix-vector product) than for several (a
// blocked matrix product), so a window's forecast could differ in the last bit between a batch of one
// and a bigger batch; the small products of the head and of attention use this instead, and a
// window's prediction does not depend on its batch (tst_batch_invariance). Four sums keep four
// multiply-adds in flight; for these sizes (M x K at most a few (2H, 2H), N a batch) that is enough.
#pragma once

#include "engine/nn/simd.h"

namespace lstmlab {

template <typename Scalar>
void column_product(const Scalar* a, Eigen::Index M, Eigen::Index K, Eigen::Index lda, const Scalar* x,
                    Eigen::Index ldx, Eigen::Index N, Scalar* y, Eigen::Index ldy)
{
    using PacketT = simd::Packet<Scalar>;
    constexpr Eigen::Index P = simd::packet_size<Scalar>;
    for (Eigen::Index m = 0; m < M; ++m) {   // a row of A stays in L1 while every column uses it
        const Scalar* row = a + m * lda;
        for (Eigen::Index j = 0; j < N; ++j) {
            const Scalar* column = x + j * ldx;
            PacketT sums[4];
            for (PacketT& sum : sums)
                sum = Eigen::internal::pset1<PacketT>(Scalar(0));
            Eigen::Index k = 0;
            int next = 0;
            for (; k + 4 * P <= K; k += 4 * P)
                for (int i = 0; i < 4; ++i)
                    sums[i] = simd::pmadd(simd::ploadu<PacketT>(row + k + i * P),
                                          simd::ploadu<PacketT>(column + k + i * P), sums[i]);
            for (; k + P <= K; k += P, ++next)
                sums[next] = simd::pmadd(simd::ploadu<PacketT>(row + k), simd::ploadu<PacketT>(column + k), sums[next]);
            if (k < K) {
                const int tail = int(K - k);
                sums[next] = simd::pmadd(simd::load_partial(row + k, tail), simd::load_partial(column + k, tail),
                                         sums[next]);
            }
            const PacketT sum = simd::padd(simd::padd(sums[0], sums[1]), simd::padd(sums[2], sums[3]));
            y[j * ldy + m] = Eigen::internal::predux(sum);
        }
    }
}

} // namespace lstmlab

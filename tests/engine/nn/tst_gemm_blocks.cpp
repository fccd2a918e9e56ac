// The engine's GEMM (gemm.h) against Eigen's product across its blocking edges: M, K and N just
// below, at and above MR (4 packets), MC (row_block), KC (depth), NR (columns) and NC (column_block),
// in the two forms the layers use: A stacked from [x; h_prev; ones] times a transposed B (weight
// gradients, assigned) and a column-major A times a column-major B (dx += W^T du, accumulated). Also:
// computing the columns in two ranges (as two threads do) gives the bits of computing them at once.
#include "engine/nn/gemm.h"
#include "nn_test_util.h"
#include "test_main.h"

#include <QtTest>

#include <cstring>
#include <limits>
#include <vector>

namespace tst_gemm_blocks {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

using Eigen::Index;

// C (M, N) from A (M, K) and B (K, N) in one of the two forms; checked against Eigen in double with a
// bound of the rounding of K multiply-adds, then recomputed over two column ranges for bit equality.
template <typename Scalar>
void check(Index M, Index K, Index N, bool stacked)
{
    Rng rng(std::uint64_t(M * 7919 + K * 104729 + N * 13 + (stacked ? 1 : 0)));
    const ColMatrix<double> a_values = random_matrix(rng, M, K);
    const ColMatrix<double> b_values = random_matrix(rng, K, N);
    const ColMatrix<double> c_values = random_matrix(rng, M, N);
    const ColMatrix<Scalar> a_cast = a_values.cast<Scalar>();
    ColMatrix<Scalar> a = a_cast;
    const Index ldc = M + 3;   // C with a leading dimension larger than M
    std::vector<Scalar> c_start(std::size_t(ldc * N), Scalar(0));
    for (Index j = 0; j < N; ++j)
        for (Index i = 0; i < M; ++i)
            c_start[std::size_t(j * ldc + i)] = Scalar(c_values(i, j));

    StackedRows<Scalar> rows;
    ColMatrix<Scalar> b_store;   // B itself (column-major) or its transpose (K rows become columns)
    MatrixView<Scalar> b;
    if (stacked) {
        // [x; h_prev; ones]: the last row of A is ones, the first M1 rows one view, the rest another.
        a.row(M - 1).setOnes();
        const Index m1 = M / 3;
        rows = StackedRows<Scalar>(MatrixView<Scalar>::column_major(a.data(), m1, K, M));
        if (M - 1 - m1 > 0)
            rows.append(MatrixView<Scalar>::column_major(a.data() + m1, M - 1 - m1, K, M));
        rows.append(MatrixView<Scalar>::ones(1, K));
        b_store = b_values.transpose().cast<Scalar>();                       // (N, K), ld N
        b = MatrixView<Scalar>::transposed(b_store.data(), K, N, N);
    } else {
        rows = StackedRows<Scalar>(MatrixView<Scalar>::column_major(a.data(), M, K, M));
        b_store = b_values.cast<Scalar>();
        b = MatrixView<Scalar>::column_major(b_store.data(), K, N, K);
    }
    QCOMPARE(rows.rows(), M);
    const bool accumulate = !stacked;

    GemmWorkspace<Scalar> workspace;
    std::vector<Scalar> c = c_start;
    gemm(rows, b, c.data(), ldc, accumulate, workspace);

    const ColMatrix<double> a_used = a.template cast<double>();
    const ColMatrix<double> b_used = b_values.cast<Scalar>().template cast<double>();
    const ColMatrix<double> want = (accumulate ? ColMatrix<double>(c_values.cast<Scalar>().template cast<double>())
                                               : ColMatrix<double>::Zero(M, N)) + a_used * b_used;
    const ColMatrix<double> bound = a_used.cwiseAbs() * b_used.cwiseAbs();
    const double eps = std::numeric_limits<Scalar>::epsilon();
    double worst = 0;   // error over its bound (K + 2) eps (|A| |B| + |C|)
    for (Index j = 0; j < N; ++j)
        for (Index i = 0; i < M; ++i) {
            const double error = std::abs(double(c[std::size_t(j * ldc + i)]) - want(i, j));
            worst = std::max(worst, error / (double(K + 2) * eps * (bound(i, j) + std::abs(want(i, j)) + 1e-30)));
        }
    QVERIFY2(worst <= 1.0, qPrintable(QString("M %1 K %2 N %3: error %4 of its bound").arg(M).arg(K).arg(N).arg(worst)));
    for (Index j = 0; j < N; ++j)   // the padding rows of C are untouched
        for (Index i = M; i < ldc; ++i)
            QCOMPARE(c[std::size_t(j * ldc + i)], Scalar(0));

    std::vector<Scalar> split = c_start;
    const Index middle = N / 3;
    gemm(rows, b, split.data(), ldc, accumulate, workspace, 0, middle);
    gemm(rows, b, split.data(), ldc, accumulate, workspace, middle, N);
    QVERIFY(std::memcmp(split.data(), c.data(), c.size() * sizeof(Scalar)) == 0);
}

template <typename Scalar>
void check_edges()
{
    constexpr Index MR = gemm_blocking::tile_packets * simd::packet_size<Scalar>;
    constexpr Index MC = gemm_blocking::row_block;
    constexpr Index KC = gemm_blocking::depth;
    constexpr Index NR = gemm_blocking::columns;
    constexpr Index NC = gemm_blocking::column_block;
    for (bool stacked : {true, false}) {
        for (Index m : {MR - 1, MR, MR + 1, MC - 1, MC, MC + 1})
            check<Scalar>(m, 9, NR + 1, stacked);
        for (Index k : {KC - 1, KC, KC + 1, 2 * KC + 1})
            check<Scalar>(MR + 3, k, 3, stacked);
        for (Index n : {NR - 1, NR, NR + 1, NC - 1, NC, NC + 1})
            if (n > 0)
                check<Scalar>(5, 7, n, stacked);
        check<Scalar>(MC + 1, KC + 1, 2 * NR + 1, stacked);   // row and depth blocks together (N's alone above)
    }
}

} // namespace

class TestGemmBlocks : public QObject {
    Q_OBJECT
private slots:
    void float_edges() { check_edges<float>(); }
    void double_edges() { check_edges<double>(); }
};

LSTMLAB_TEST_APPLESS_MAIN(TestGemmBlocks)

} // namespace tst_gemm_blocks
#include "tst_gemm_blocks.moc"

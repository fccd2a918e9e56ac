// Batches in the engine's sequence layout (x (F, T*B), column t*B + b; y (H, B)) for float and
// double, no reallocation when the shape is unchanged, and the training-only, seeded shuffle.
#include "engine/core/error.h"
#include "engine/data/batch.h"

#include "pipeline_test_frames.h"
#include "test_main.h"

#include <QtTest>

#include <algorithm>

namespace tst_batch {

using namespace lstmlab;
using lstmlab::test::make_frame;
using lstmlab::test::walk;

namespace {

// Two features that name their source row: "Row" = r, "Neg" = -r; target "P" = 1000 + r. No scaling.
PreparedData row_data(int seq_len, int horizon)
{
    std::vector<double> row(120);
    std::vector<double> neg(120);
    std::vector<double> target(120);
    for (std::size_t r = 0; r < row.size(); ++r) {
        row[r] = double(r);
        neg[r] = -double(r);
        target[r] = 1000.0 + double(r);
    }
    PipelineConfig config;
    config.features = {{"Row", Transform::Level}, {"Neg", Transform::Level}};
    config.target = {"P", Transform::Level};
    config.sequence_length = seq_len;
    config.horizon = horizon;
    config.scaler = ScalerKind::None;
    return prepare_data(make_frame({{"Row", row}, {"Neg", neg}, {"P", target}}), config, "");
}

} // namespace

class TestBatch : public QObject {
    Q_OBJECT
private slots:
    void layout_data()
    {
        QTest::addColumn<bool>("useFloat");
        QTest::addColumn<int>("split");
        QTest::newRow("double train") << false << int(Split::Train);
        QTest::newRow("double test") << false << int(Split::Test);
        QTest::newRow("float train") << true << int(Split::Train);
        QTest::newRow("float validation") << true << int(Split::Validation);
    }
    void layout()
    {
        QFETCH(bool, useFloat);
        QFETCH(int, split);
        const PreparedData data = row_data(5, 3);
        const std::vector<std::size_t> windows = {4, 0, 7};
        auto check = [&](const auto& x, const auto& y) {
            QCOMPARE(x.rows(), Eigen::Index(2));
            QCOMPARE(x.cols(), Eigen::Index(5 * 3));
            QCOMPARE(y.rows(), Eigen::Index(3));
            QCOMPARE(y.cols(), Eigen::Index(3));
            for (std::size_t b = 0; b < windows.size(); ++b) {
                const double t = double(data.windows.end_row(Split(split), windows[b]));
                for (Eigen::Index step = 0; step < 5; ++step) {
                    QCOMPARE(double(x(0, step * 3 + Eigen::Index(b))), t - 4 + double(step));
                    QCOMPARE(double(x(1, step * 3 + Eigen::Index(b))), -(t - 4 + double(step)));
                }
                for (Eigen::Index h = 0; h < 3; ++h)
                    QCOMPARE(double(y(h, Eigen::Index(b))), 1000.0 + t + 1 + double(h));
            }
        };
        if (useFloat) {
            BatchMatrix<float> x, y;
            fill_batch<float>(data, Split(split), windows, x, y);
            check(x, y);
        } else {
            BatchMatrix<double> x, y;
            fill_batch<double>(data, Split(split), windows, x, y);
            check(x, y);
        }
    }

    void noReallocationWhenTheShapeIsKept()
    {
        const PreparedData data = row_data(10, 2);
        BatchMatrix<float> x, y;
        const std::vector<std::size_t> first = {0, 1, 2, 3};
        const std::vector<std::size_t> second = {9, 8, 7, 6};
        fill_batch<float>(data, Split::Train, first, x, y);
        const float* x_data = x.data();
        const float* y_data = y.data();
        fill_batch<float>(data, Split::Train, second, x, y);
        QCOMPARE(x.data(), x_data);
        QCOMPARE(y.data(), y_data);
        QCOMPARE(double(x(0, 9 * 4 + 0)), double(data.windows.end_row(Split::Train, 9)));
        const std::vector<std::size_t> short_batch = {5};
        fill_batch<float>(data, Split::Train, short_batch, x, y);  // B changes: resized
        QCOMPARE(x.cols(), Eigen::Index(10));
        QCOMPARE(y.cols(), Eigen::Index(1));
    }

    void indexPastTheSplitIsAnError()
    {
        const PreparedData data = row_data(10, 2);
        BatchMatrix<double> x, y;
        const std::vector<std::size_t> bad = {data.windows[Split::Test].count};
        QVERIFY_THROWS_EXCEPTION(Error, fill_batch<double>(data, Split::Test, bad, x, y));
    }

    void shuffleTouchesTrainingWindowsOnly()
    {
        const PreparedData data = row_data(10, 2);
        Rng rng(42);
        const auto train = window_order(data, Split::Train, rng);
        const auto validation = window_order(data, Split::Validation, rng);
        const auto test = window_order(data, Split::Test, rng);
        std::vector<std::size_t> sorted = train;
        std::sort(sorted.begin(), sorted.end());
        for (std::size_t k = 0; k < sorted.size(); ++k)
            QCOMPARE(sorted[k], k);                    // a permutation of the training windows
        QVERIFY(!std::is_sorted(train.begin(), train.end()));
        for (std::size_t k = 0; k < validation.size(); ++k)
            QCOMPARE(validation[k], k);                // time order
        for (std::size_t k = 0; k < test.size(); ++k)
            QCOMPARE(test[k], k);
        Rng untouched(42);
        window_order(data, Split::Validation, untouched);
        QVERIFY(untouched == Rng(42));                 // validation draws nothing
    }

    void shuffleIsReproducibleFromTheSeed()
    {
        const PreparedData data = row_data(10, 2);
        Rng a(7), b(7), c(8);
        const auto first = window_order(data, Split::Train, a);
        QCOMPARE(window_order(data, Split::Train, b), first);
        QVERIFY(window_order(data, Split::Train, c) != first);
        // Fisher-Yates by hand with the same generator: i = n-1 .. 1, swap with below(i + 1).
        Rng manual(7);
        std::vector<std::size_t> expected(first.size());
        for (std::size_t k = 0; k < expected.size(); ++k)
            expected[k] = k;
        for (std::size_t i = expected.size() - 1; i >= 1; --i)
            std::swap(expected[i], expected[manual.below(i + 1)]);
        QCOMPARE(first, expected);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestBatch)

}  // namespace tst_batch
#include "tst_batch.moc"

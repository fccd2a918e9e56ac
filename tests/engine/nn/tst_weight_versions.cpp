// Packed-weight caching (Parameters::version(), WeightSnapshot in recurrent_direction.h): a forward
// with unchanged weights reuses the recurrent layers' packed weights, and every write through a
// mutable accessor is seen by the next forward. A write through a reference kept across a forward
// without mark_changed() is the one misuse: the release build then still runs on the old packing
// (which shows the cache is used), the sanitizer build (LSTMLAB_VERIFY_WEIGHT_VERSIONS) throws.
#include "engine/nn/model.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

#include <stdexcept>

namespace tst_weight_versions {

using namespace lstmlab;

namespace {

ModelSpec spec_for(CellType cell)
{
    ModelSpec spec;
    spec.cell = cell;
    spec.hidden = {20, 12};
    spec.features = 3;
    spec.outputs = 2;
    return spec;
}

std::vector<float> predict(Model<float>& model, const ColMatrix<float>& x, int steps, int batch)
{
    const auto y = model.forward(x, steps, batch, Mode::inference);
    return {y.data(), y.data() + y.size()};
}

} // namespace

class TestWeightVersions : public QObject {
    Q_OBJECT
private slots:
    void writesAreSeen_data()
    {
        QTest::addColumn<CellType>("cell");
        QTest::newRow("lstm") << CellType::lstm;
        QTest::newRow("gru") << CellType::gru;
    }
    void writesAreSeen()
    {
        QFETCH(CellType, cell);
        const ModelSpec spec = spec_for(cell);
        const int T = 6, B = 2;
        Rng rng(3);
        Model<float> model(spec);
        model.initialize(rng);
        ColMatrix<float> x(spec.features, T * B);
        for (Eigen::Index k = 0; k < x.size(); ++k)
            x.data()[k] = float(rng.uniform(-1, 1));
        const std::vector<float> before = predict(model, x, T, B);
        QCOMPARE(predict(model, x, T, B), before);

        // Every mutable accessor bumps the version; the next forward repacks and equals a fresh model
        // built from the same values.
        const auto changed = [&](Model<float>& m) {
            Model<float> fresh(spec);
            fresh.parameters().mutable_values() = m.parameters().values();
            return predict(fresh, x, T, B);
        };
        const int w_hh = model.parameters().find(cell == CellType::lstm ? "lstm.1.weight_hh_l0" : "gru.1.weight_hh_l0");
        const int b_ih = model.parameters().find(cell == CellType::lstm ? "lstm.0.bias_ih_l0" : "gru.0.bias_ih_l0");
        QVERIFY(w_hh >= 0 && b_ih >= 0);
        const std::uint64_t version = model.parameters().version();
        model.parameters().mutable_value(w_hh)(3, 4) += 0.75f;
        QVERIFY(model.parameters().version() > version);
        const std::vector<float> after_matrix = predict(model, x, T, B);
        QVERIFY(after_matrix != before);
        QCOMPARE(after_matrix, changed(model));
        model.parameters().mutable_value_vector(b_ih)(5) -= 0.5f;
        const std::vector<float> after_bias = predict(model, x, T, B);
        QVERIFY(after_bias != after_matrix);
        QCOMPARE(after_bias, changed(model));
        const std::size_t offset = model.parameters().tensors()[std::size_t(w_hh)].offset;
        model.parameters().mutable_values()[offset] += 1.0f;
        const std::vector<float> after_values = predict(model, x, T, B);
        QVERIFY(after_values != after_bias);
        QCOMPARE(after_values, changed(model));

        // A reference kept across a forward and written without mark_changed().
        AlignedVector<float>& kept = model.parameters().mutable_values();
        QCOMPARE(predict(model, x, T, B), after_values);
        kept[offset] += 1.0f;
#ifdef LSTMLAB_VERIFY_WEIGHT_VERSIONS
        QVERIFY_THROWS_EXCEPTION(std::logic_error, model.forward(x, T, B, Mode::inference));
#else
        QCOMPARE(predict(model, x, T, B), after_values);   // the old packing: the cache is used
#endif
        model.parameters().mark_changed();
        const std::vector<float> marked = predict(model, x, T, B);
        QVERIFY(marked != after_values);
        QCOMPARE(marked, changed(model));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestWeightVersions)

}  // namespace tst_weight_versions
#include "tst_weight_versions.moc"

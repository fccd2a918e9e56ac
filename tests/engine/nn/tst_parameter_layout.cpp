// parameter_layout(spec): the tensors Model(spec) declares, without allocating them. It must list the
// very same tensors (names, shapes, offsets, in order) as the model it stands for, and it must work for
// models far too large to build: `lstmlab-cli summary` of the largest spec ModelSpec allows was killed
// for memory when the summary built the model (found while writing the README's table of bad inputs).
#include "engine/nn/model.h"
#include "engine/nn/summary.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

namespace tst_parameter_layout {

using lstmlab::ModelSpec;

class TestParameterLayout : public QObject {
    Q_OBJECT
private slots:
    void sameTensorsAsTheModel_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        for (const std::string& name : lstmlab::preset_names())
            QTest::newRow(name.c_str()) << lstmlab::preset(name, 5, 3);
        ModelSpec mixed;
        mixed.cell = lstmlab::CellType::gru;
        mixed.hidden = {7, 5, 3};
        mixed.bidirectional = true;
        mixed.attention = true;
        mixed.dropout = 0.2;
        mixed.features = 4;
        mixed.outputs = 2;
        QTest::newRow("gru 7,5,3 bidirectional attention") << mixed;
    }
    void sameTensorsAsTheModel()
    {
        QFETCH(ModelSpec, spec);
        const lstmlab::Model<float> model(spec);
        const auto& built = model.parameters().tensors();
        const auto layout = lstmlab::parameter_layout(spec);
        QCOMPARE(layout.size(), built.size());
        for (std::size_t k = 0; k < built.size(); ++k) {
            QCOMPARE(layout[k].name, built[k].name);
            QCOMPARE(layout[k].shape(), built[k].shape());
            QCOMPARE(layout[k].offset, built[k].offset);
        }
    }

    void largestModelIsDescribedWithoutBuildingIt()
    {
        ModelSpec spec;
        spec.hidden = std::vector<int>(8, 4096);
        spec.bidirectional = true;
        spec.attention = true;
        spec.features = 100000;
        spec.outputs = 100000;
        // By hand, per direction of layer k: 4H(I + H + 2) with I = 100000, then 8192; attention
        // D x 2D + 2D with D = 8192; fc (2D + 1) x outputs.
        const std::int64_t expected = 2LL * 4 * 4096 * (100000 + 4096 + 2) + 7LL * 2 * 4 * 4096 * (8192 + 4096 + 2) +
                                      8192LL * 2 * 8192 + 2 * 8192 + (2LL * 8192 + 1) * 100000;
        QCOMPARE(lstmlab::summarize(spec, 20).total_parameters, expected);
        QCOMPARE(expected, std::int64_t(8'002'848'416));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestParameterLayout)

}  // namespace tst_parameter_layout
#include "tst_parameter_layout.moc"

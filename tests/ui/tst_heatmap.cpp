// The attention heatmap: viridis end points, one pixel per weight, hover text naming dates, lag and
// weight, and a click on a row showing that window's weights as bars; the colour bar's 0..max range
// with the uniform weight 1/T marked on it, the "near uniform" note, and a selection that neither
// outlives its windows nor shows in the exported image.
#include "ui/results/attention_bars.h"
#include "ui/results/attention_heatmap.h"
#include "test_main.h"

#include <QtTest>

namespace tst_heatmap {

using namespace lstmlab::ui;

class TestHeatmap : public QObject {
    Q_OBJECT
private:
    // 3 windows of 4 steps ending at rows 10, 11, 12; rows 7..12 are labelled d07..d12.
    static AttentionSnapshotPtr snapshot()
    {
        auto s = std::make_shared<AttentionSnapshot>();
        s->title = QStringLiteral("test");
        s->windows = 3;
        s->steps = 4;
        s->weights = {0.1f, 0.2f, 0.3f, 0.4f, 0.25f, 0.25f, 0.25f, 0.25f, 0.7f, 0.1f, 0.1f, 0.1f};
        s->endRows = {10, 11, 12};
        s->firstRow = 7;
        for (int r = 7; r <= 12; ++r)
            s->rowLabels << QStringLiteral("d%1").arg(r, 2, 10, QLatin1Char('0'));
        return s;
    }

private slots:
    void viridisEnds()
    {
        // matplotlib's viridis(0) = #440154 and viridis(1) = #fde725.
        QCOMPARE(viridis(0.0), QColor(68, 1, 84));
        QCOMPARE(viridis(1.0), QColor(253, 231, 37));
        QCOMPARE(viridis(-3.0), viridis(0.0));
        QCOMPARE(viridis(std::nan("")), viridis(0.0));
    }

    void stepLabels()
    {
        const auto s = snapshot();
        QCOMPARE(s->stepLabel(0, 3), QStringLiteral("d10"));   // window 0's last step is its end row
        QCOMPARE(s->stepLabel(0, 0), QStringLiteral("d07"));
        QCOMPARE(s->stepLabel(2, 1), QStringLiteral("d10"));
    }

    void imageHasOnePixelPerWeight()
    {
        AttentionHeatmap map;
        map.setSnapshot(snapshot());
        QCOMPARE(map.image().size(), QSize(4, 3));
        // The scale runs from 0 to the largest weight (0.7): 0.1 sits a seventh of the way up.
        QCOMPARE(QColor(map.image().pixel(0, 2)), viridis(1.0));
        QCOMPARE(QColor(map.image().pixel(1, 2)), viridis(0.1 / 0.7));
        // Stretched, the smallest weight is the bottom of the scale.
        map.setStretchToData(true);
        QCOMPARE(QColor(map.image().pixel(1, 2)), viridis(0.0));
        QCOMPARE(map.colourLow(), double(0.1f));
    }

    void colourBarRangeAndUniformMarker()
    {
        AttentionHeatmap map;
        map.resize(400, 300);
        map.setSnapshot(snapshot());
        QCOMPARE(map.colourLow(), 0.0);
        QCOMPARE(map.colourHigh(), double(0.7f));
        QCOMPARE(map.uniformWeight(), 0.25);
        QVERIFY(!map.isNearUniform());
        // The 1/T mark is drawn across the bar at 0.25 / 0.7 of its height, in white.
        const int y = map.uniformMarkerY();
        QVERIFY(y > 0);
        const QRect bar = map.colourBarRect();
        const double fraction = double(bar.bottom() - y) / (bar.height() - 1);
        QVERIFY2(std::abs(fraction - 0.25 / 0.7) < 0.01, qPrintable(QString::number(fraction)));
        const QImage picture = map.grab().toImage();
        QCOMPARE(QColor(picture.pixel(bar.center().x(), y)), QColor(Qt::white));
        // Painted from viridis(0) at the bottom to viridis(1) at the top.
        QCOMPARE(QColor(picture.pixel(bar.center().x(), bar.bottom() - 1)).red(), viridis(0.0).red());
        QVERIFY(QColor(picture.pixel(bar.center().x(), bar.top() + 2)).red() > 240);

        // Attention within 20 % of 1/T everywhere (the sample's 0.048..0.053 for T = 20) says so.
        auto flat = std::make_shared<AttentionSnapshot>(*snapshot());
        flat->weights = {0.24f, 0.26f, 0.25f, 0.25f, 0.25f, 0.25f, 0.26f, 0.24f, 0.27f, 0.23f, 0.25f, 0.25f};
        map.setSnapshot(flat);
        QVERIFY(map.isNearUniform());
        QCOMPARE(map.colourLow(), 0.0);
        QCOMPARE(map.colourHigh(), double(0.27f));
        // Every cell then sits in the top tenth of the scale: no false structure.
        for (int w = 0; w < 3; ++w)
            for (int k = 0; k < 4; ++k)
                QVERIFY(double(flat->weight(w, k)) / map.colourHigh() > 0.85);
    }

    void selectionBelongsToItsWindows()
    {
        AttentionHeatmap map;
        map.resize(400, 300);
        map.setSnapshot(snapshot());
        map.selectWindow(1);
        // The next epoch of the same windows keeps it; the exported picture never shows it.
        auto next = std::make_shared<AttentionSnapshot>(*snapshot());
        map.setSnapshot(next);
        QCOMPARE(map.selectedWindow(), 1);
        const QImage exported = map.exportImage().toImage();
        map.clearSelection();
        QCOMPARE(exported, map.grab().toImage());
        map.selectWindow(1);
        QVERIFY(map.grab().toImage() != exported);
        // Other windows (another dataset or split): the selection is dropped.
        auto other = std::make_shared<AttentionSnapshot>(*snapshot());
        other->endRows = {20, 21, 22};
        map.setSnapshot(other);
        QCOMPARE(map.selectedWindow(), -1);
    }

    void hoverNamesDateLagAndWeight()
    {
        AttentionHeatmap map;
        map.resize(400, 300);
        map.setSnapshot(snapshot());
        // Find the centre of cell (step 1, window 2) by scanning: the map's geometry is private.
        QPoint found(-1, -1);
        for (int y = 0; y < 300 && found.x() < 0; ++y)
            for (int x = 0; x < 400; ++x)
                if (map.cellAt({x, y}) == QPoint(1, 2)) {
                    found = {x + 5, y + 5};
                    break;
                }
        QVERIFY(found.x() >= 0);
        QCOMPARE(map.hoverText(found), QStringLiteral("window ending d12 · step d10 (lag 2) · weight 0.1000"));
        QVERIFY(map.hoverText({1, 1}).isEmpty());
    }

    void clickShowsTheWindowAsBars()
    {
        AttentionHeatmap map;
        AttentionBars bars;
        map.resize(400, 300);
        map.setSnapshot(snapshot());
        connect(&map, &AttentionHeatmap::windowSelected, &bars, [&](int w) { bars.showWindow(map.snapshot(), w); });
        QPoint row0(-1, -1);
        for (int y = 0; y < 300 && row0.x() < 0; ++y)
            if (map.cellAt({200, y}).y() == 0)
                row0 = {200, y + 3};
        QTest::mouseClick(&map, Qt::LeftButton, {}, row0);
        QCOMPARE(map.selectedWindow(), 0);
        const QList<qreal> values = bars.values();
        QCOMPARE(values.size(), 4);
        QCOMPARE(values[3], qreal(0.4f));
        QCOMPARE(values[0], qreal(0.1f));
    }
};

LSTMLAB_TEST_MAIN(TestHeatmap)

}  // namespace tst_heatmap
#include "tst_heatmap.moc"

// Axis labels as drawn (read back from the charts' graphics scenes): every label on an axis differs
// from the others -- the empty loss chart's epoch axis, the sweep's loss chart, a narrow loss range,
// the log scale (two or more powers of ten) -- and a short history is drawn as points.
#include "ui/common/chart_support.h"
#include "ui/sweep/sweep_loss_chart.h"
#include "ui/train/loss_chart.h"
#include "test_main.h"

#include <QChart>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QRegularExpression>
#include <QValueAxis>
#include <QtTest>

#include <algorithm>

namespace tst_chart_axes {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestChartAxes : public QObject {
    Q_OBJECT
private:
    // The numeric labels drawn below the plot (horizontal axis) or left of it (vertical axis), in
    // drawing order along the axis.
    static QStringList labels(QChartView& view, Qt::Orientation orientation)
    {
        view.resize(700, 420);
        view.show();
        QTest::qWait(50);
        QCoreApplication::processEvents();
        const QRectF plot = view.chart()->mapRectToScene(view.chart()->plotArea());
        static const QRegularExpression number(QStringLiteral("^[-+]?[0-9.,]+(e[-+]?[0-9]+)?$"));
        std::vector<std::pair<double, QString>> found;
        for (QGraphicsItem* item : view.scene()->items()) {
            if (!item->isVisible())
                continue;
            QString text;
            if (auto* t = dynamic_cast<QGraphicsTextItem*>(item))
                text = t->toPlainText();
            else if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item))
                text = s->text();
            if (!number.match(text).hasMatch())
                continue;
            const QRectF box = item->sceneBoundingRect();
            if (orientation == Qt::Horizontal && box.top() >= plot.bottom() - 2)
                found.emplace_back(box.center().x(), text);
            else if (orientation == Qt::Vertical && box.right() <= plot.left() + 2)
                found.emplace_back(-box.center().y(), text);
        }
        std::sort(found.begin(), found.end());
        QStringList out;
        for (const auto& [position, text] : found)
            out << text;
        return out;
    }

    static bool unique(const QStringList& list) { return QSet<QString>(list.begin(), list.end()).size() == list.size(); }

    static std::vector<EpochRecord> history(std::vector<double> train, std::vector<double> validation)
    {
        std::vector<EpochRecord> records(train.size());
        for (std::size_t e = 0; e < train.size(); ++e) {
            records[e].epoch = int(e + 1);
            records[e].train_loss = train[e];
            records[e].validation_loss = validation[e];
        }
        return records;
    }

private slots:
    void emptyLossChartCountsWholeEpochs()
    {
        LossChart chart;
        const QStringList x = labels(chart, Qt::Horizontal);
        QCOMPARE(x, QStringList({QStringLiteral("1"), QStringLiteral("2")}));
        QVERIFY2(unique(labels(chart, Qt::Vertical)), qPrintable(labels(chart, Qt::Vertical).join(' ')));
    }

    void emptySweepChartCountsWholeEpochs()
    {
        SweepLossChart chart;
        QCOMPARE(labels(chart, Qt::Horizontal), QStringList({QStringLiteral("1"), QStringLiteral("2")}));
    }

    void narrowLossRangeHasDistinctLabels()
    {
        LossChart chart;
        chart.setHistory(history({0.123412, 0.123409, 0.123405}, {0.123431, 0.123428, 0.123426}), 3);
        chart.flush();
        const QStringList y = labels(chart, Qt::Vertical);
        QVERIFY2(y.size() >= 3 && unique(y), qPrintable(y.join(' ')));
        const QStringList x = labels(chart, Qt::Horizontal);
        QCOMPARE(x, QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    }

    void logScaleShowsSeveralPowers()
    {
        LossChart chart;
        chart.setHistory(history({0.0031, 0.0027, 0.0024}, {0.0035, 0.0033, 0.0032}), 3);
        chart.setLogScale(true);
        const QStringList y = labels(chart, Qt::Vertical);
        QVERIFY2(y.size() >= 2 && unique(y), qPrintable(y.join(' ')));
    }

    void shortHistoryIsDrawnAsPoints()
    {
        LossChart chart;
        chart.setHistory(history({0.5}, {0.6}), 1);
        chart.flush();
        QCOMPARE(chart.trainSeries()->count(), 1);
        QVERIFY(chart.trainSeries()->pointsVisible());
        QVERIFY(chart.validationSeries()->pointsVisible());
        std::vector<double> many(200, 0.5);
        chart.setHistory(history(many, many), 1);
        chart.flush();
        QVERIFY(!chart.trainSeries()->pointsVisible());
    }

    void valueRangeWritesEveryTickDifferently()
    {
        QValueAxis axis;
        for (const auto& [low, high] : {std::pair{0.0, 1.0}, std::pair{0.12341, 0.12346}, std::pair{1234.5, 1236.0},
                                        std::pair{-0.003, 0.004}, std::pair{5.0, 5.0}}) {
            setValueRange(&axis, low, high);
            QStringList texts;
            const double step = (axis.max() - axis.min()) / (axis.tickCount() - 1);
            for (int k = 0; k < axis.tickCount(); ++k)
                texts << QString::asprintf(axis.labelFormat().toLatin1().constData(), axis.min() + k * step);
            QVERIFY2(unique(texts), qPrintable(texts.join(' ')));
            QVERIFY(axis.min() <= low && axis.max() >= high);
        }
    }
};

LSTMLAB_TEST_MAIN(TestChartAxes)

}  // namespace tst_chart_axes
#include "tst_chart_axes.moc"

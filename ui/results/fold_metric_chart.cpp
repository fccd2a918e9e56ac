#include "ui/results/fold_metric_chart.h"

#include "ui/common/chart_support.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lstmlab::ui {

FoldMetricChart::FoldMetricChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(2, 2, 2, 2));
    setMinimumHeight(200);
}

void FoldMetricChart::setResult(std::shared_ptr<const WalkForwardResult> result, Metric metric)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    m_model = m_persistence = nullptr;
    c->setTitle(QString());
    if (!result || result->folds.empty())
        return;
    const QString name = metric == Metric::Rmse ? QStringLiteral("RMSE") : QStringLiteral("MAE");
    c->setTitle(tr("%1 of each fold's test block (%2)").arg(name, QString::fromStdString(result->units)));
    m_model = new QBarSet(tr("model"));
    m_model->setColor(QColor(0xd9, 0x6c, 0x00));
    m_persistence = new QBarSet(tr("persistence"));
    m_persistence->setColor(QColor(0x9a, 0x9a, 0x9a));
    QStringList categories;
    double high = 0;
    for (const FoldResult& fold : result->folds) {
        const SplitEvaluation& test = *fold.report.test;
        const auto value = [&](const lstmlab::MetricsTable& table) {
            return metric == Metric::Rmse ? table.average.rmse : table.average.mae;
        };
        const double model = value(test.model), persistence = value(test.persistence);
        *m_model << (std::isfinite(model) ? model : 0.0);
        *m_persistence << (std::isfinite(persistence) ? persistence : 0.0);
        for (double v : {model, persistence})
            if (std::isfinite(v))
                high = std::max(high, v);
        categories << QString::number(fold.index + 1);
    }
    auto* series = new QBarSeries;
    series->append(m_model);
    series->append(m_persistence);
    c->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(tr("fold (oldest first)"));
    auto* y = new QValueAxis;
    y->setTitleText(name);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    setValueRange(y, 0.0, high > 0 ? 1.08 * high : 1.0);
}

} // namespace lstmlab::ui

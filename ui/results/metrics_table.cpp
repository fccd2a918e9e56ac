#include "ui/results/metrics_table.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {
namespace {

struct MetricRow {
    const char* name;
    double ForecastMetrics::*field;
    bool higherIsBetter;
    int decimals;
};

constexpr MetricRow metricRows[] = {
    {"RMSE", &ForecastMetrics::rmse, false, 4},       {"MAE", &ForecastMetrics::mae, false, 4},
    {"MAPE %", &ForecastMetrics::mape, false, 3},     {"sMAPE %", &ForecastMetrics::smape, false, 3},
    {"R²", &ForecastMetrics::r2, true, 4},            {"Direction hit rate", &ForecastMetrics::directional_accuracy, true, 3},
};

QTableWidget* table(const QStringList& columns, int rows)
{
    auto* t = new QTableWidget(rows, int(columns.size()));
    t->setHorizontalHeaderLabels(columns);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Exactly as tall as its rows: the tables never scroll and never leave blank space.
    const int rowHeight = t->fontMetrics().height() + 8;
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(rowHeight);
    const int headerLines = columns.first().count(QLatin1Char('\n')) + 1;
    const int headerHeight = headerLines * t->fontMetrics().height() + 10;
    t->horizontalHeader()->setFixedHeight(headerHeight);
    t->setFixedHeight(headerHeight + rows * rowHeight + 2 * t->frameWidth() + 2);
    return t;
}

QTableWidgetItem* cell(double value, int decimals, bool good = false)
{
    auto* item = new QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("–"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (good)
        item->setForeground(QColor(0x1b, 0x7a, 0x3a));
    return item;
}

} // namespace

MetricsTable::MetricsTable(QWidget* parent) : QWidget(parent)
{
    m_metrics = table({tr("Model\n(validation)"), tr("Persistence\n(validation)"), tr("Train mean\n(validation)"),
                       tr("Model\n(test)"), tr("Persistence\n(test)"), tr("Train mean\n(test)")},
                      int(std::size(metricRows)));
    QStringList names;
    for (const MetricRow& row : metricRows)
        names << tr(row.name);
    m_metrics->setVerticalHeaderLabels(names);
    m_backtest = table({tr("Strategy (sign of predicted move)"), tr("Buy and hold")}, 5);
    m_backtest->setVerticalHeaderLabels({tr("Cumulative return %"), tr("Sharpe (annualised)"), tr("Max drawdown %"),
                                         tr("Hit rate %"), tr("Turnover per period")});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Forecast metrics</b> (price units, mean over the horizon)")));
    layout->addWidget(m_metrics);
    layout->addWidget(new QLabel(tr("<b>Backtest</b> on the test split, no costs")));
    layout->addWidget(m_backtest);
    layout->addStretch(1);
}

void MetricsTable::clear()
{
    m_metrics->clearContents();
    m_backtest->clearContents();
}

void MetricsTable::setReport(const EvaluationReport& report)
{
    clear();
    const std::optional<SplitEvaluation>* splits[] = {&report.validation, &report.test};
    for (int s = 0; s < 2; ++s) {
        if (!splits[s]->has_value())
            continue;
        const SplitEvaluation& e = **splits[s];
        for (int r = 0; r < int(std::size(metricRows)); ++r) {
            const MetricRow& row = metricRows[r];
            const double model = e.model.average.*row.field;
            const double persistence = e.persistence.average.*row.field;
            const double mean = e.training_mean.average.*row.field;
            const auto beats = [&](double other) { return !std::isfinite(other) || (row.higherIsBetter ? model > other : model < other); };
            m_metrics->setItem(r, 3 * s, cell(model, row.decimals, std::isfinite(model) && beats(persistence) && beats(mean)));
            m_metrics->setItem(r, 3 * s + 1, cell(persistence, row.decimals));
            m_metrics->setItem(r, 3 * s + 2, cell(mean, row.decimals));
        }
    }
    if (report.backtest) {
        const StrategyResult* results[] = {&report.backtest->strategy, &report.backtest->buy_and_hold};
        for (int c = 0; c < 2; ++c) {
            const StrategyResult& r = *results[c];
            m_backtest->setItem(0, c, cell(100 * r.cumulative_return, 2));
            m_backtest->setItem(1, c, cell(r.sharpe, 3));
            m_backtest->setItem(2, c, cell(100 * r.max_drawdown, 2));
            m_backtest->setItem(3, c, cell(100 * r.hit_rate, 2));
            m_backtest->setItem(4, c, cell(r.turnover, 3));
        }
    }
}

} // namespace lstmlab::ui

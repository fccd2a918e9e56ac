#include "ui/results/metrics_table.h"

#include "engine/train/evaluation_report.h"

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
    const char* reasonKey;   // SplitEvaluation::not_applicable key, or nullptr
};

constexpr MetricRow metricRows[] = {
    {"RMSE", &ForecastMetrics::rmse, false, 4, nullptr},
    {"MAE", &ForecastMetrics::mae, false, 4, nullptr},
    {"MASE", &ForecastMetrics::mase, false, 3, "mase"},
    {"MAPE %", &ForecastMetrics::mape, false, 3, "mape"},
    {"sMAPE %", &ForecastMetrics::smape, false, 3, nullptr},
    {"R²", &ForecastMetrics::r2, true, 4, "r2"},
    {"Direction hit rate %", &ForecastMetrics::directional_accuracy, true, 2, nullptr},
};

// The baselines' columns of one split, after the model's.
constexpr int columnsPerSplit = 4;   // model, persistence, seasonal naive, training mean

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

// A number, or "n/a" with the reason as its tooltip.
QTableWidgetItem* cell(double value, int decimals, bool good = false, const QString& reason = QString())
{
    auto* item = new QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("n/a"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (good)
        item->setForeground(QColor(0x1b, 0x7a, 0x3a));
    if (!std::isfinite(value)) {
        item->setForeground(QColor(0x80, 0x80, 0x80));
        item->setToolTip(reason);
    }
    return item;
}

QString reasonOf(const std::map<std::string, std::string>& reasons, const char* key)
{
    if (!key)
        return QString();
    const auto found = reasons.find(key);
    return found == reasons.end() ? QString() : QString::fromStdString(found->second);
}

} // namespace

MetricsTable::MetricsTable(QWidget* parent) : QWidget(parent)
{
    m_metrics = table({tr("Model\n(validation)"), tr("Persistence\n(validation)"), tr("Seasonal naive\n(validation)"),
                       tr("Train mean\n(validation)"), tr("Model\n(test)"), tr("Persistence\n(test)"),
                       tr("Seasonal naive\n(test)"), tr("Train mean\n(test)")},
                      int(std::size(metricRows)));
    QStringList names;
    for (const MetricRow& row : metricRows)
        names << tr(row.name);
    m_metrics->setVerticalHeaderLabels(names);
    for (int r = 0; r < m_metrics->rowCount(); ++r)
        if (metricRows[r].field == &ForecastMetrics::directional_accuracy)
            m_metrics->verticalHeaderItem(r)->setToolTip(
                tr("Share of windows whose predicted direction (up, down or no move from the last known value) is the "
                   "actual one. Persistence always predicts no move, so it scores only where the value did not "
                   "move: near 0 % on a price, higher on counts with repeats."));
    m_backtest = table({tr("Strategy (sign of predicted move)"), tr("Buy and hold")}, 5);
    m_backtest->setVerticalHeaderLabels({tr("Cumulative return %"), tr("Sharpe (annualised)"), tr("Max drawdown %"),
                                         tr("Hit rate %"), tr("Turnover per period")});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_metricsTitle = new QLabel(tr("<b>Forecast metrics</b> (mean over the horizon)"));
    m_notes = new QLabel;
    m_notes->setWordWrap(true);
    m_notes->setStyleSheet(QStringLiteral("color: #606060"));
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_intervals = new QLabel;
    m_intervals->setWordWrap(true);
    m_intervals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_intervals->setToolTip(tr("Split-conformal intervals calibrated on the validation windows' errors: the share of "
                               "test values inside each should be near its level. Far below it, the test period "
                               "behaves unlike the validation period and the intervals are too narrow."));
    m_backtestTitle = new QLabel(tr("<b>Backtest</b> on the test split, no costs"));
    m_backtestTitle->setWordWrap(true);   // the annualisation source can be long; never widen the window
    layout->addWidget(m_metricsTitle);
    layout->addWidget(m_metrics);
    layout->addWidget(m_intervals);
    layout->addWidget(m_notes);
    layout->addWidget(m_backtestTitle);
    layout->addWidget(m_backtest);
    layout->addStretch(1);
}

void MetricsTable::clear()
{
    m_metrics->clearContents();
    m_backtest->clearContents();
    m_notes->clear();
    m_intervals->clear();
    m_intervals->hide();
    m_metricsTitle->setText(tr("<b>Forecast metrics</b> (mean over the horizon)"));
    m_backtestTitle->setText(tr("<b>Backtest</b> on the test split, no costs"));
}

void MetricsTable::setReport(const EvaluationReport& report)
{
    clear();
    const std::optional<SplitEvaluation>* splits[] = {&report.validation, &report.test};
    for (int s = 0; s < 2; ++s) {
        if (!splits[s]->has_value())
            continue;
        const SplitEvaluation& e = **splits[s];
        const QString noSeason = reasonOf(e.not_applicable, "seasonal_naive");
        for (int r = 0; r < int(std::size(metricRows)); ++r) {
            const MetricRow& row = metricRows[r];
            const QString reason = reasonOf(e.not_applicable, row.reasonKey);
            // The direction hit rate is a fraction in the engine and a percentage here, like the backtest's.
            const double k = row.field == &ForecastMetrics::directional_accuracy ? 100.0 : 1.0;
            const double model = k * (e.model.average.*row.field);
            const double persistence = k * (e.persistence.average.*row.field);
            const double seasonal = e.has_seasonal_naive() ? k * (e.seasonal_naive.average.*row.field) : std::nan("");
            const double mean = k * (e.training_mean.average.*row.field);
            const auto beats = [&](double other) { return !std::isfinite(other) || (row.higherIsBetter ? model > other : model < other); };
            const bool good = std::isfinite(model) && beats(persistence) && beats(seasonal) && beats(mean);
            const int first = columnsPerSplit * s;
            m_metrics->setItem(r, first, cell(model, row.decimals, good, reason));
            m_metrics->setItem(r, first + 1, cell(persistence, row.decimals, false, reason));
            m_metrics->setItem(r, first + 2, cell(seasonal, row.decimals, false, e.has_seasonal_naive() ? reason : noSeason));
            m_metrics->setItem(r, first + 3, cell(mean, row.decimals, false, reason));
        }
    }
    m_metricsTitle->setText(tr("<b>Forecast metrics</b> (%1, mean over the horizon)").arg(QString::fromStdString(report.units())));
    QStringList notes;
    for (const std::string& line : not_applicable_lines(report))
        notes << QString::fromStdString(line);
    const QString intervals = QString::fromStdString(render_interval_text(report)).trimmed();
    m_intervals->setText(intervals);
    m_intervals->setStyleSheet(intervals.contains(QLatin1String("BELOW")) ? QStringLiteral("color: #b03000; font-weight: bold")
                                                                          : QString());
    m_intervals->setVisible(!intervals.isEmpty());
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    if (!report.backtest) {
        const auto reason = report.not_applicable.find("backtest");
        m_backtestTitle->setText(tr("<b>Backtest</b>: n/a (%1)")
                                     .arg(reason == report.not_applicable.end() ? tr("no test windows")
                                                                                 : QString::fromStdString(reason->second)));
    } else {
        m_backtestTitle->setText(tr("<b>Backtest</b> on the test split, no costs; Sharpe annualised with %1 periods "
                                    "per year (%2)")
                                     .arg(report.backtest_config.periods_per_year)
                                     .arg(QString::fromStdString(report.periods_per_year_source)));
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

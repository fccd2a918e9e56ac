#include "ui/results/forecast_panel.h"

#include "engine/core/number_text.h"
#include "engine/train/evaluation_report.h"
#include "ui/results/forecast_chart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lstmlab::ui {
namespace {

QTableWidgetItem* numberItem(double value)
{
    auto* item = new QTableWidgetItem(std::isfinite(value) ? QString::fromStdString(significant(value)) : QStringLiteral("n/a"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (!std::isfinite(value))
        item->setToolTip(QObject::tr("Too few validation windows to calibrate an interval at this level."));
    return item;
}

} // namespace

ForecastPanel::ForecastPanel(QWidget* parent) : QWidget(parent)
{
    m_heading = new QLabel(tr("No forecast yet: train a model (Train step) or open a checkpoint."));
    m_heading->setWordWrap(true);
    m_calendar = new QLabel;
    m_calendar->setWordWrap(true);
    m_calendar->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_calendar->setStyleSheet(QStringLiteral("color: #505050"));
    m_intervals = new QLabel;
    m_intervals->setWordWrap(true);
    m_intervals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_observed = new QSpinBox;
    m_observed->setRange(1, int(FutureSnapshot::maxHistory));
    m_observed->setValue(minimumDefaultObserved);
    m_observed->setToolTip(tr("How many of the last observed rows the chart shows before the forecast."));
    m_export = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/export.svg")), tr("Export forecast CSV…"));
    m_export->setToolTip(tr("The file `lstmlab-cli forecast --out` writes: step, time, forecast, bounds per level."));
    m_chart = new ForecastChart;
    m_table = new QTableWidget;
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setMinimumHeight(120);

    auto* top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(new QLabel(tr("Observed rows shown:")));
    top->addWidget(m_observed);
    top->addWidget(m_export);
    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(m_chart);
    m_split->addWidget(m_table);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 0);
    m_split->setSizes({480, 200});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_calendar);
    layout->addWidget(m_intervals);
    layout->addWidget(m_split, 1);
    setExportEnabled(false);

    connect(m_observed, &QSpinBox::valueChanged, this, &ForecastPanel::showChart);
    connect(m_export, &QPushButton::clicked, this, &ForecastPanel::exportRequested);
}

void ForecastPanel::setExportEnabled(bool enabled, const QString& reason)
{
    m_export->setEnabled(enabled);
    m_export->setToolTip(enabled ? tr("The file `lstmlab-cli forecast --out` writes: step, time, forecast, bounds per level.")
                                 : reason);
}

void ForecastPanel::setObservedCount(int rows) { m_observed->setValue(rows); }

int ForecastPanel::observedCount() const { return m_observed->value(); }

void ForecastPanel::setResults(ResultsSnapshotPtr results)
{
    m_results = std::move(results);
    const FutureSnapshot* future = m_results ? m_results->future.get() : nullptr;
    m_calendar->clear();
    m_intervals->clear();
    if (!future) {
        m_heading->setText(tr("No forecast yet: train a model (Train step) or open a checkpoint."));
    } else if (!future->forecast) {
        m_heading->setText(tr("No forecast: %1").arg(future->problem));
    } else {
        const FutureForecast& f = *future->forecast;
        const std::size_t H = f.predicted.size();
        m_heading->setText(tr("<b>Forecast</b> of %1 after %2 (last value %3): %4, in %5")
                               .arg(QString::fromStdString(m_results->pipeline.config.target.column), future->lastLabel,
                                    QString::fromStdString(significant(f.last_value)),
                                    H == 1 ? tr("the next step") : tr("the next %1 steps").arg(H),
                                    QString::fromStdString(m_results->evaluation.units())));
        m_calendar->setText(tr("Calendar: %1").arg(QString::fromStdString(f.times.evidence)));
        const std::string intervals = render_interval_text(m_results->evaluation);
        m_intervals->setText(intervals.empty() ? tr("Prediction intervals: n/a (the validation split has no windows to "
                                                    "calibrate them on).")
                                               : QString::fromStdString(intervals).trimmed()
                                                     + (f.calibration_stored ? tr(". The forecast's bands are the "
                                                                                  "calibration stored in the checkpoint.")
                                                                             : QString()));
        const bool warning = m_intervals->text().contains(QLatin1String("BELOW"));
        m_intervals->setStyleSheet(warning ? QStringLiteral("color: #b03000; font-weight: bold") : QString());
        const QSignalBlocker blocker(m_observed);
        m_observed->setMaximum(int(future->historyX.size()));
        m_observed->setValue(std::max(minimumDefaultObserved, int(6 * H)));
    }
    fillTable();
    showChart();
}

void ForecastPanel::showChart()
{
    m_chart->setForecast(m_results ? m_results->future : nullptr, m_results && m_results->calendarAxis, m_observed->value());
}

void ForecastPanel::fillTable()
{
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    if (!m_results || !m_results->future || !m_results->future->forecast)
        return;
    const FutureSnapshot& s = *m_results->future;
    const FutureForecast& f = *s.forecast;
    QStringList headers = {s.timeName, tr("forecast")};
    if (f.calibration)
        for (std::size_t l = 0; l < f.intervals.size(); ++l)
            for (const QString& side : {tr("lower"), tr("upper")})
                headers << side + QLatin1Char(' ') + QString::fromStdString(level_label(f.calibration->levels[l]));
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(f.predicted.size()));
    for (std::size_t h = 0; h < f.predicted.size(); ++h) {
        const int row = int(h);
        m_table->setVerticalHeaderItem(row, new QTableWidgetItem(QString::number(h + 1)));
        m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(f.times.labels[h])));
        m_table->setItem(row, 1, numberItem(f.predicted[h]));
        for (std::size_t l = 0; l < f.intervals.size(); ++l) {
            m_table->setItem(row, 2 + 2 * int(l), numberItem(f.intervals[l].lower(Eigen::Index(h), 0)));
            m_table->setItem(row, 3 + 2 * int(l), numberItem(f.intervals[l].upper(Eigen::Index(h), 0)));
        }
    }
    // Tall enough for every step up to tableRowsShown; the chart takes the rest.
    const int rows = std::min(m_table->rowCount(), tableRowsShown);
    const int height = m_table->horizontalHeader()->sizeHint().height() + rows * m_table->verticalHeader()->defaultSectionSize()
                     + 2 * m_table->frameWidth() + 2;
    m_table->setMinimumHeight(height);
    m_split->setSizes({std::max(m_split->height() - height, 300), height});
}

} // namespace lstmlab::ui

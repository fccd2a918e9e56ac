#include "ui/results/results_view.h"

#include "ui/results/attention_bars.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/metrics_table.h"
#include "ui/results/time_series_chart.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace lstmlab::ui {

ResultsView::ResultsView(QWidget* parent) : QWidget(parent)
{
    m_status = new QLabel(tr("No results yet: train a model (Train step) or open a checkpoint."));
    m_status->setWordWrap(true);
    const QIcon exportIcon(QStringLiteral(":/lstmlab/icons/export.svg"));
    m_exportCheckpoint = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/checkpoint.svg")), tr("Export checkpoint…"));
    m_exportPredictions = new QPushButton(exportIcon, tr("Export predictions CSV…"));
    m_exportImages = new QPushButton(exportIcon, tr("Save chart images…"));
    setExportEnabled(false);

    m_predictions = new TimeSeriesChart(tr("Test period: actual vs predicted (next step)"), tr("price"));
    m_equity = new TimeSeriesChart(tr("Backtest equity (start = 1)"), tr("equity"));
    m_metrics = new MetricsTable;
    m_heatmapSource = new QComboBox;
    m_heatmapSource->addItems({tr("Validation windows (live)"), tr("Test windows (final model)")});
    m_heatmap = new AttentionHeatmap;
    m_bars = new AttentionBars;
    m_hover = new QLabel(QStringLiteral(" "));
    m_hover->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_exportCheckpoint);
    top->addWidget(m_exportPredictions);
    top->addWidget(m_exportImages);

    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(m_predictions);
    left->addWidget(m_equity);
    left->setSizes({500, 300});

    auto* attentionBox = new QGroupBox(tr("Attention"));
    auto* attentionLayout = new QVBoxLayout(attentionBox);
    attentionLayout->setContentsMargins(4, 4, 4, 4);
    auto* attentionTop = new QHBoxLayout;
    attentionTop->addWidget(m_heatmapSource);
    attentionTop->addWidget(m_hover, 1);
    attentionLayout->addLayout(attentionTop);
    auto* attentionSplit = new QSplitter(Qt::Vertical);
    attentionSplit->addWidget(m_heatmap);
    attentionSplit->addWidget(m_bars);
    attentionSplit->setSizes({330, 180});
    attentionLayout->addWidget(attentionSplit, 1);

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_metrics);
    right->addWidget(attentionBox);
    right->setSizes({300, 560});

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({700, 740});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_exportCheckpoint, &QPushButton::clicked, this, &ResultsView::exportCheckpointRequested);
    connect(m_exportPredictions, &QPushButton::clicked, this, &ResultsView::exportPredictionsRequested);
    connect(m_exportImages, &QPushButton::clicked, this, &ResultsView::exportImagesRequested);
    connect(m_heatmapSource, &QComboBox::currentIndexChanged, this, &ResultsView::showHeatmapSource);
    connect(m_heatmap, &AttentionHeatmap::windowSelected, this,
            [this](int window) { m_bars->showWindow(m_heatmap->snapshot(), window); });
    connect(m_heatmap, &AttentionHeatmap::hovered, this,
            [this](const QString& text) { m_hover->setText(text.isEmpty() ? QStringLiteral(" ") : text); });
}

void ResultsView::setExportEnabled(bool enabled)
{
    m_exportCheckpoint->setEnabled(enabled);
    m_exportPredictions->setEnabled(enabled && m_results);
    m_exportImages->setEnabled(enabled && m_results);
}

void ResultsView::setLiveAttention(AttentionSnapshotPtr snapshot)
{
    m_live = std::move(snapshot);
    if (m_heatmapSource->currentIndex() == 0)
        showHeatmapSource();
}

void ResultsView::showHeatmapSource()
{
    const AttentionSnapshotPtr shown = m_heatmapSource->currentIndex() == 0 || !m_results ? m_live : m_results->testAttention;
    const int selected = m_heatmap->selectedWindow();
    m_heatmap->setSnapshot(shown);
    m_bars->showWindow(shown, shown && selected >= 0 && selected < shown->windows ? selected : -1);
}

void ResultsView::setResults(ResultsSnapshotPtr results)
{
    m_results = std::move(results);
    const ResultsSnapshot& r = *m_results;
    m_status->setText(r.statusText);
    const Forecast& f = r.test;
    std::vector<double> actual, predicted;
    for (Eigen::Index w = 0; w < f.predicted.cols(); ++w) {
        actual.push_back(f.prices.actual(0, w));
        predicted.push_back(f.predicted(0, w));
    }
    m_predictions->setLines(r.calendarAxis, r.testX,
                            {{tr("actual"), actual, QColor(0x9a, 0x9a, 0x9a)}, {tr("predicted"), predicted, QColor(0xd9, 0x6c, 0x00)}});
    if (r.evaluation.backtest)
        m_equity->setLines(r.calendarAxis, r.testX,
                           {{tr("strategy"), r.evaluation.backtest->strategy.equity, QColor(0x2e, 0x9e, 0x5b)},
                            {tr("buy and hold"), r.evaluation.backtest->buy_and_hold.equity, QColor(0x90, 0x90, 0x90)}});
    else
        m_equity->setLines(false, {}, {});
    m_metrics->setReport(r.evaluation);
    setExportEnabled(true);
    if (!m_live)
        m_heatmapSource->setCurrentIndex(1);
    showHeatmapSource();
}

std::vector<std::pair<QString, QWidget*>> ResultsView::chartWidgets() const
{
    return {{QStringLiteral("predictions"), m_predictions}, {QStringLiteral("equity"), m_equity},
            {QStringLiteral("metrics"), m_metrics}, {QStringLiteral("attention"), m_heatmap},
            {QStringLiteral("attention_window"), m_bars}};
}

} // namespace lstmlab::ui

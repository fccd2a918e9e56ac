#include "ui/results/results_view.h"

#include "ui/results/attention_bars.h"
#include "ui/results/attention_heatmap.h"
#include "ui/results/forecast_chart.h"
#include "ui/results/forecast_panel.h"
#include "ui/results/metrics_table.h"
#include "ui/results/time_series_chart.h"
#include "ui/results/walk_forward_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {

ResultsView::ResultsView(QWidget* parent) : QWidget(parent)
{
    m_status = new QLabel(tr("No results yet: train a model (Train step) or open a checkpoint."));
    m_status->setWordWrap(true);
    const QIcon exportIcon(QStringLiteral(":/lstmlab/icons/export.svg"));
    m_exportCheckpoint = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/checkpoint.svg")), tr("Export checkpoint…"));
    m_exportPredictions = new QPushButton(exportIcon, tr("Export predictions CSV…"));
    m_exportImages = new QPushButton(exportIcon, tr("Save chart images…"));
    setExportEnabled(false, false);
    m_stale = new QLabel;
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral("color: #9a6a00; font-weight: bold;"));
    m_stale->hide();

    m_predictions = new TimeSeriesChart(QString(), QString());
    m_predictionView = new QComboBox;
    m_predictionView->addItems({tr("Changes: predicted vs actual move"), tr("Residuals: actual − predicted"),
                                tr("Levels: actual and predicted")});
    m_predictionView->setToolTip(tr("Changes from the last known value show whether the model predicts the moves; "
                                    "levels look like a perfect fit for any model that stays near the last value."));
    m_equity = new TimeSeriesChart(tr("Backtest equity (start = 1)"), tr("equity"));
    m_metrics = new MetricsTable;
    m_heatmapSource = new QComboBox;
    m_heatmapSource->addItems({tr("Validation windows (live)"), tr("Test windows (final model)")});
    m_heatmap = new AttentionHeatmap;
    m_bars = new AttentionBars;
    m_stretch = new QCheckBox(tr("Stretch colours to min..max"));
    m_stretch->setToolTip(tr("Off: colours span 0 to the largest weight, so uniform attention looks flat. "
                             "On: small differences between weights become visible (and look larger than they are)."));
    m_hover = new QLabel(QStringLiteral(" "));
    m_hover->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_exportCheckpoint);
    top->addWidget(m_exportPredictions);
    top->addWidget(m_exportImages);

    auto* predictionsBox = new QWidget;
    auto* predictionsLayout = new QVBoxLayout(predictionsBox);
    predictionsLayout->setContentsMargins(0, 0, 0, 0);
    auto* predictionsTop = new QHBoxLayout;
    predictionsTop->addWidget(new QLabel(tr("Test period, next step:")));
    predictionsTop->addWidget(m_predictionView);
    predictionsTop->addStretch(1);
    predictionsLayout->addLayout(predictionsTop);
    predictionsLayout->addWidget(m_predictions, 1);
    // Left: the predictions over the metrics; right: the attention map (hundreds of windows need
    // the height) over the equity curve.
    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(predictionsBox);
    left->addWidget(m_metrics);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 0);

    auto* attentionBox = new QGroupBox(tr("Attention"));
    auto* attentionLayout = new QVBoxLayout(attentionBox);
    attentionLayout->setContentsMargins(4, 4, 4, 4);
    auto* attentionTop = new QHBoxLayout;
    attentionTop->addWidget(m_heatmapSource);
    attentionTop->addWidget(m_stretch);
    attentionTop->addWidget(m_hover, 1);
    attentionLayout->addLayout(attentionTop);
    auto* attentionSplit = new QSplitter(Qt::Vertical);
    attentionSplit->addWidget(m_heatmap);
    attentionSplit->addWidget(m_bars);
    attentionSplit->setSizes({400, 170});
    attentionSplit->setStretchFactor(0, 1);
    attentionLayout->addWidget(attentionSplit, 1);
    m_heatmap->setMinimumHeight(minimumHeatmapHeight);

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(attentionBox);
    right->addWidget(m_equity);
    right->setSizes({580, 220});
    right->setStretchFactor(0, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({700, 740});

    m_forecast = new ForecastPanel;
    m_pages = new QTabWidget;
    m_pages->addTab(split, tr("Test period"));
    m_pages->addTab(m_forecast, tr("Forecast"));
    m_walkForward = new WalkForwardView;
    m_pages->addTab(m_walkForward, tr("Walk-forward"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stale);
    layout->addWidget(m_pages, 1);

    connect(m_exportCheckpoint, &QPushButton::clicked, this, &ResultsView::exportCheckpointRequested);
    connect(m_exportPredictions, &QPushButton::clicked, this, &ResultsView::exportPredictionsRequested);
    connect(m_exportImages, &QPushButton::clicked, this, &ResultsView::exportImagesRequested);
    connect(m_forecast, &ForecastPanel::exportRequested, this, &ResultsView::exportForecastRequested);
    connect(m_heatmapSource, &QComboBox::currentIndexChanged, this, &ResultsView::showHeatmapSource);
    connect(m_predictionView, &QComboBox::currentIndexChanged, this, &ResultsView::showPredictions);
    connect(m_stretch, &QCheckBox::toggled, m_heatmap, &AttentionHeatmap::setStretchToData);
    connect(m_heatmap, &AttentionHeatmap::windowSelected, this,
            [this](int window) { m_bars->showWindow(m_heatmap->snapshot(), window); });
    connect(m_heatmap, &AttentionHeatmap::hovered, this,
            [this](const QString& text) { m_hover->setText(text.isEmpty() ? QStringLiteral(" ") : text); });
}

void ResultsView::setExportEnabled(bool checkpoint, bool results, const QString& reason)
{
    m_exportCheckpoint->setEnabled(checkpoint);
    m_exportPredictions->setEnabled(results);
    m_exportImages->setEnabled(results);
    for (QPushButton* button : {m_exportCheckpoint, m_exportPredictions, m_exportImages})
        button->setToolTip(button->isEnabled() ? QString() : reason);
}

void ResultsView::setStaleNote(const QString& note)
{
    m_stale->setText(note);
    m_stale->setVisible(!note.isEmpty());
}

QString ResultsView::staleNote() const { return m_stale->text(); }

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
    showPredictions();
    if (r.evaluation.backtest)
        m_equity->setLines(r.calendarAxis, r.testX,
                           {{tr("strategy"), r.evaluation.backtest->strategy.equity, QColor(0x2e, 0x9e, 0x5b)},
                            {tr("buy and hold"), r.evaluation.backtest->buy_and_hold.equity, QColor(0x90, 0x90, 0x90)}});
    else
        m_equity->setLines(false, {}, {});
    m_metrics->setReport(r.evaluation);
    m_forecast->setResults(m_results);
    if (!m_live)
        m_heatmapSource->setCurrentIndex(1);
    showHeatmapSource();
}

void ResultsView::clearSelection()
{
    m_heatmap->clearSelection();
    m_bars->showWindow(m_heatmap->snapshot(), -1);
}

void ResultsView::setPredictionView(PredictionView view) { m_predictionView->setCurrentIndex(int(view)); }

ResultsView::PredictionView ResultsView::predictionView() const { return PredictionView(m_predictionView->currentIndex()); }

void ResultsView::showPredictions()
{
    if (!m_results)
        return m_predictions->setLines(false, {}, {});
    const ResultsSnapshot& r = *m_results;
    const Forecast& f = r.test;
    // Next step of window w: P_t (last known), P_{t+1} (actual), its prediction.
    std::vector<double> actual, predicted;
    const PredictionView view = predictionView();
    for (Eigen::Index w = 0; w < f.predicted.cols(); ++w) {
        const double last = std::size_t(w) < f.prices.last_price.size() ? f.prices.last_price[std::size_t(w)] : NAN;
        const double a = f.prices.actual(0, w), p = f.predicted(0, w);
        switch (view) {
        case PredictionView::Changes:
            actual.push_back(a - last);
            predicted.push_back(p - last);
            break;
        case PredictionView::Residuals:
            actual.push_back(a - p);
            break;
        case PredictionView::Levels:
            actual.push_back(a);
            predicted.push_back(p);
            break;
        }
    }
    const QColor grey(0x9a, 0x9a, 0x9a), orange(0xd9, 0x6c, 0x00);
    if (view == PredictionView::Changes) {
        m_predictions->setTitles(tr("Change from the last known value: actual vs predicted"), tr("change"));
        m_predictions->setLines(r.calendarAxis, r.testX, {{tr("actual change"), actual, grey}, {tr("predicted change"), predicted, orange}});
    } else if (view == PredictionView::Residuals) {
        m_predictions->setTitles(tr("Residual: actual − predicted"), tr("residual"));
        m_predictions->setLines(r.calendarAxis, r.testX, {{tr("residual"), actual, QColor(0x5c, 0x7c, 0x9c)}});
    } else {
        m_predictions->setTitles(tr("Actual vs predicted level"), tr("level"));
        m_predictions->setLines(r.calendarAxis, r.testX, {{tr("actual"), actual, grey}, {tr("predicted"), predicted, orange}});
    }
}

std::vector<std::pair<QString, QWidget*>> ResultsView::chartWidgets() const
{
    return {{QStringLiteral("predictions"), m_predictions}, {QStringLiteral("equity"), m_equity},
            {QStringLiteral("metrics"), m_metrics}, {QStringLiteral("attention"), m_heatmap},
            {QStringLiteral("attention_window"), m_bars}, {QStringLiteral("forecast"), m_forecast->chart()}};
}

} // namespace lstmlab::ui

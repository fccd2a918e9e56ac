#include "ui/results/walk_forward_view.h"

#include "engine/core/number_text.h"
#include "engine/train/walk_forward_table.h"
#include "ui/controller/snapshot_builder.h"
#include "ui/results/fold_metric_chart.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {

QString walkForwardVerdict(const DieboldMariano& dm)
{
    if (!std::isfinite(dm.p_value))
        return QObject::tr("Model vs persistence: n/a (%1)")
            .arg(dm.n < 2 ? QObject::tr("fewer than 2 test windows") : QObject::tr("their losses do not differ"));
    const QString p = QString::fromStdString(significant(dm.p_value, 2));
    if (dm.p_value >= 0.05)
        return QObject::tr("No significant edge over persistence (p = %1)").arg(p);
    return dm.mean_difference < 0 ? QObject::tr("The model beats persistence (p = %1)").arg(p)
                                  : QObject::tr("Persistence beats the model (p = %1)").arg(p);
}

WalkForwardView::WalkForwardView(QWidget* parent) : QWidget(parent), m_controller(new WalkForwardController(this))
{
    m_folds = new QSpinBox;
    m_folds->setRange(1, 50);
    m_folds->setValue(5);
    m_folds->setToolTip(tr("K consecutive test blocks: the test split's windows cut into K folds in time order."));
    m_refit = new QComboBox;
    m_refit->addItems({tr("every fold (warm start)"), tr("every fold (from scratch)"), tr("never (train once)")});
    m_refit->setToolTip(tr("Every fold, warm start: each fold retrains on its own training rows, starting from the "
                           "previous fold's weights. From scratch: each fold trains from the seeded initialisation "
                           "(the folds train in parallel). Never: the first fold's model forecasts every block."));
    m_window = new QComboBox;
    m_window->addItems({tr("expanding"), tr("rolling")});
    m_window->setToolTip(tr("Expanding: each fold trains on every row before its cut. Rolling: only the last N rows."));
    m_rollingRows = new QSpinBox;
    m_rollingRows->setRange(2, 10'000'000);
    m_rollingRows->setValue(500);
    m_rollingRows->setSuffix(tr(" rows"));
    m_rollingRows->setEnabled(false);
    m_metric = new QComboBox;
    m_metric->addItems({QStringLiteral("RMSE"), QStringLiteral("MAE")});
    m_run = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/train.svg")), tr("Run walk-forward"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_export = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/export.svg")), tr("Export fold table CSV…"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_status = new QLabel(tr("Each fold trains with the Data, Model and Train steps' settings."));
    m_status->setWordWrap(true);
    m_verdict = new QLabel;
    m_verdict->setWordWrap(true);
    m_detail = new QLabel;
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setStyleSheet(QStringLiteral("color: #505050"));
    m_table = new QTableWidget;
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_chart = new FoldMetricChart;

    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Folds:")));
    settings->addWidget(m_folds);
    settings->addSpacing(12);
    settings->addWidget(new QLabel(tr("Refit:")));
    settings->addWidget(m_refit);
    settings->addSpacing(12);
    settings->addWidget(new QLabel(tr("Window:")));
    settings->addWidget(m_window);
    settings->addWidget(m_rollingRows);
    settings->addSpacing(12);
    settings->addWidget(m_run);
    settings->addWidget(m_cancel);
    settings->addWidget(m_progress, 1);
    settings->addWidget(m_export);

    auto* chartBox = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto* chartTop = new QHBoxLayout;
    chartTop->addWidget(new QLabel(tr("Metric per fold:")));
    chartTop->addWidget(m_metric);
    chartTop->addStretch(1);
    chartLayout->addLayout(chartTop);
    chartLayout->addWidget(m_chart, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(chartBox);
    split->setSizes({740, 660});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addWidget(m_status);
    layout->addWidget(m_verdict);
    layout->addWidget(m_detail);
    layout->addWidget(split, 1);
    refreshButtons();

    connect(m_window, &QComboBox::currentIndexChanged, this, [this](int index) { m_rollingRows->setEnabled(index == 1); });
    connect(m_run, &QPushButton::clicked, this, &WalkForwardView::run);
    connect(m_cancel, &QPushButton::clicked, this, &WalkForwardView::cancel);
    connect(m_export, &QPushButton::clicked, this, &WalkForwardView::exportRequested);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_chart->setResult(m_result, FoldMetricChart::Metric(index));
    });
    connect(m_controller, &WalkForwardController::progress, this, &WalkForwardView::showProgress);
    connect(m_controller, &WalkForwardController::finished, this, [this](const WalkForwardResultPtr& result) {
        if (result)
            showResult(result);
        else
            m_status->setText(tr("Cancelled: the table shows the previous run, if any."));
        m_progress->setFormat(result ? tr("done") : tr("cancelled"));
        refreshButtons();
    });
    connect(m_controller, &WalkForwardController::failed, this, [this](const QString& sentence) {
        m_status->setText(sentence);
        m_progress->setFormat(tr("failed"));
        refreshButtons();
        emit failed(sentence);
    });
}

WalkForwardView::~WalkForwardView() { shutdown(); }

void WalkForwardView::setContextProvider(std::function<WalkForwardContext()> provider) { m_provider = std::move(provider); }

void WalkForwardView::setRunAllowed(bool allowed, const QString& reason)
{
    m_allowed = allowed;
    m_blockedReason = reason;
    refreshButtons();
}

WalkForwardConfig WalkForwardView::config() const
{
    WalkForwardConfig config;
    config.folds = m_folds->value();
    constexpr Refit refits[] = {Refit::Every, Refit::Fresh, Refit::Never};
    config.refit = refits[std::clamp(m_refit->currentIndex(), 0, 2)];
    config.rolling_rows = m_window->currentIndex() == 1 ? std::size_t(m_rollingRows->value()) : 0;
    config.jobs = std::max(1, std::min(QThread::idealThreadCount(), m_folds->value()));
    // config.evaluation: the engine's defaults (Sharpe annualised from the data's calendar).
    return config;
}

void WalkForwardView::run()
{
    if (m_controller->isRunning() || !m_allowed || !m_provider)
        return;
    const WalkForwardContext context = m_provider();
    QString problem = context.problem;
    if (context.dataPath.isEmpty())
        problem = tr("There is no data yet: open a CSV in the Data step first.");
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        emit failed(problem);
        return;
    }
    WalkForwardRequest request{context.dataPath, context.pipeline, context.spec, context.train, config()};
    m_progress->setValue(0);
    m_progress->setFormat(tr("loading the data…"));
    m_status->setText(tr("Running %1 folds (%2, %3 window) with the workflow's settings…")
                          .arg(request.config.folds)
                          .arg(m_refit->currentText(), m_window->currentText()));
    m_controller->start(request);
    refreshButtons();
}

void WalkForwardView::cancel()
{
    m_controller->cancel();
    m_progress->setFormat(tr("cancelling…"));
}

void WalkForwardView::shutdown() { m_controller->shutdown(); }

void WalkForwardView::showProgress(const WalkForwardProgressSnapshot& s)
{
    m_progress->setValue(int(std::lround(1000 * s.fraction)));
    m_progress->setFormat(tr("fold %1 of %2 · epoch %3/%4").arg(s.fold + 1).arg(s.folds).arg(s.epoch).arg(s.epochs));
}

void WalkForwardView::refreshButtons()
{
    const bool running = m_controller->isRunning();
    m_run->setEnabled(m_allowed && !running);
    m_run->setToolTip(m_allowed ? QString() : m_blockedReason);
    m_cancel->setEnabled(running);
    m_export->setEnabled(!running && m_result != nullptr);
    for (QWidget* w : std::initializer_list<QWidget*>{m_folds, m_refit, m_window})
        w->setEnabled(!running);
    m_rollingRows->setEnabled(!running && m_window->currentIndex() == 1);
}

void WalkForwardView::showResult(const WalkForwardResultPtr& result)
{
    m_result = result;
    const WalkForwardResult& r = *result;
    m_progress->setValue(1000);
    m_status->setText(tr("%1 folds, %2 test windows in all, horizon %3, in %4; calendar: %5.")
                          .arg(r.folds.size())
                          .arg(r.overall.windows)
                          .arg(r.horizon)
                          .arg(QString::fromStdString(r.units), QString::fromStdString(r.calendar.evidence)));
    const QString verdict = walkForwardVerdict(r.overall.dm);
    const bool significant = std::isfinite(r.overall.dm.p_value) && r.overall.dm.p_value < 0.05;
    const QString colour = !significant ? QStringLiteral("#8a5a00")
                           : r.overall.dm.mean_difference < 0 ? QStringLiteral("#1b7a3a")
                                                              : QStringLiteral("#b03000");
    m_verdict->setText(QStringLiteral("<b style=\"color: %1\">%2.</b>").arg(colour, verdict.toHtmlEscaped()));
    m_detail->setText(QString::fromStdString(diebold_mariano_sentence(r.overall.dm)) + QLatin1Char('.'));
    // The CLI's table transposed: one row per figure, one column per fold and "all" (the figures'
    // names read as row labels; a few folds fit beside the chart without scrolling).
    const auto rows = walk_forward_rows(r, 4, "n/a");
    m_table->clear();
    m_table->setRowCount(int(rows.front().size()) - 1);
    m_table->setColumnCount(int(rows.size()) - 1);
    QStringList figures, folds;
    for (std::size_t j = 1; j < rows.front().size(); ++j)
        figures << QString::fromStdString(rows.front()[j]).replace(QLatin1Char('_'), QLatin1Char(' '));
    for (std::size_t i = 1; i < rows.size(); ++i)
        folds << (i + 1 == rows.size() ? tr("all") : tr("fold %1").arg(QString::fromStdString(rows[i][0])));
    m_table->setVerticalHeaderLabels(figures);
    m_table->setHorizontalHeaderLabels(folds);
    for (std::size_t i = 1; i < rows.size(); ++i)
        for (std::size_t j = 1; j < rows[i].size(); ++j) {
            auto* item = new QTableWidgetItem(QString::fromStdString(rows[i][j]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (i + 1 == rows.size()) {   // the overall column
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(int(j) - 1, int(i) - 1, item);
        }
    m_chart->setResult(result, FoldMetricChart::Metric(m_metric->currentIndex()));
}

} // namespace lstmlab::ui

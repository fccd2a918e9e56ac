#include "ui/train/train_view.h"

#include "ui/common/hints.h"
#include "ui/results/attention_heatmap.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/loss_chart.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {
namespace {

QString duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    const qint64 s = qint64(std::llround(seconds));
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QPushButton* button(const QString& icon, const QString& text)
{
    return new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/") + icon), text);
}

} // namespace

TrainView::TrainView(QWidget* parent) : QWidget(parent)
{
    m_form = new HyperparameterForm;
    m_train = button(QStringLiteral("train.svg"), tr("Train"));
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_train->setDefault(true);
    m_pause = button(QStringLiteral("pause.svg"), tr("Pause"));
    m_resume = button(QStringLiteral("train.svg"), tr("Resume"));
    m_stop = button(QStringLiteral("stop.svg"), tr("Stop"));
    m_more = new QPushButton(tr("Train more:"));
    m_moreEpochs = new QSpinBox;
    m_moreEpochs->setRange(1, 10000);
    m_moreEpochs->setValue(10);
    m_moreEpochs->setSuffix(tr(" epochs"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Not started"));
    m_progress->setTextVisible(true);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_blocked = new QLabel;
    m_blocked->setWordWrap(true);
    m_blocked->setStyleSheet(QStringLiteral("color: #9a6a00;"));
    m_stale = new QLabel;
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral("color: #9a6a00; font-weight: bold;"));
    m_stale->hide();
    m_logScale = new QCheckBox(tr("Log scale"));
    m_loss = new LossChart;
    m_heatmap = new AttentionHeatmap;

    auto* buttons = new QHBoxLayout;
    for (QWidget* w : {static_cast<QWidget*>(m_train), static_cast<QWidget*>(m_pause), static_cast<QWidget*>(m_resume),
                       static_cast<QWidget*>(m_stop)})
        buttons->addWidget(w);
    buttons->addSpacing(16);
    buttons->addWidget(m_more);
    buttons->addWidget(m_moreEpochs);
    buttons->addStretch(1);

    auto* settings = new QGroupBox(tr("Hyperparameters (tutorial's recommended ranges beside each)"));
    auto* settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(m_form);
    settingsLayout->addWidget(makeHintLegendLabel());
    settingsLayout->addStretch(1);
    auto* lossBox = new QWidget;
    auto* lossLayout = new QVBoxLayout(lossBox);
    lossLayout->setContentsMargins(0, 0, 0, 0);
    lossLayout->addWidget(m_loss, 1);
    lossLayout->addWidget(m_logScale);
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(lossBox);
    charts->addWidget(m_heatmap);
    charts->setSizes({700, 500});
    auto* top = new QHBoxLayout;
    top->addWidget(settings, 0);
    auto* runBox = new QGroupBox(tr("Run"));
    auto* runLayout = new QVBoxLayout(runBox);
    runLayout->addLayout(buttons);
    runLayout->addWidget(m_progress);
    runLayout->addWidget(m_status);
    runLayout->addWidget(m_blocked);
    runLayout->addWidget(m_stale);
    runLayout->addStretch(1);
    top->addWidget(runBox, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(charts, 1);

    connect(m_train, &QPushButton::clicked, this, &TrainView::trainRequested);
    connect(m_pause, &QPushButton::clicked, this, &TrainView::pauseRequested);
    connect(m_resume, &QPushButton::clicked, this, &TrainView::resumeRequested);
    connect(m_stop, &QPushButton::clicked, this, &TrainView::stopRequested);
    connect(m_more, &QPushButton::clicked, this, [this] { emit continueRequested(m_moreEpochs->value()); });
    connect(m_logScale, &QCheckBox::toggled, m_loss, &LossChart::setLogScale);
    updateButtons();
}

void TrainView::setBlockedReason(const QString& reason)
{
    m_blockedReason = reason;
    m_blocked->setText(reason);
    m_blocked->setVisible(!reason.isEmpty());
    updateButtons();
}

void TrainView::setControllerState(TrainingController::State state, bool hasSession)
{
    m_state = state;
    m_hasSession = hasSession;
    updateButtons();
}

void TrainView::updateButtons()
{
    using State = TrainingController::State;
    const bool idle = m_state == State::Idle;
    m_train->setEnabled(idle && m_blockedReason.isEmpty());
    m_pause->setEnabled(m_state == State::Training);
    m_resume->setEnabled(m_state == State::Paused);
    m_stop->setEnabled(m_state == State::Training || m_state == State::Paused);
    m_more->setEnabled(idle && m_hasSession);
    m_moreEpochs->setEnabled(idle && m_hasSession);
}

void TrainView::showRunStarted(int epochs)
{
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting: %1 epochs…").arg(epochs));
    showStatus(QString());
}

void TrainView::showProgress(const ProgressSnapshotPtr& s)
{
    const double done = s->epochs > 0 && s->batches > 0
                            ? ((s->epoch - 1) + double(s->batch) / s->batches) / s->epochs
                            : 0.0;
    m_progress->setValue(int(std::lround(1000 * std::clamp(done, 0.0, 1.0))));
    m_progress->setFormat(tr("Epoch %1/%2 · batch %3/%4 · %5 samples/s · ETA %6")
                              .arg(s->epoch)
                              .arg(s->epochs)
                              .arg(s->batch)
                              .arg(s->batches)
                              .arg(QLocale().toString(qint64(std::llround(s->samplesPerSecond))))
                              .arg(duration(s->etaSeconds)));
}

void TrainView::showRunFinished(const QString& outcome, bool reachedEnd)
{
    if (reachedEnd)
        m_progress->setValue(m_progress->maximum());
    m_progress->setFormat(outcome);
}

void TrainView::showHistory(const EpochSnapshotPtr& snapshot) { m_loss->setHistory(snapshot); }

void TrainView::clearError()
{
    if (m_statusIsError)
        showStatus(QString());
}

void TrainView::setStaleNote(const QString& note)
{
    m_stale->setText(note);
    m_stale->setVisible(!note.isEmpty());
}

QString TrainView::statusText() const { return m_status->text(); }
QString TrainView::staleNote() const { return m_stale->text(); }

void TrainView::showStatus(const QString& text, bool error)
{
    m_statusIsError = error && !text.isEmpty();
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b03030; font-weight: bold;") : QString());
}

} // namespace lstmlab::ui

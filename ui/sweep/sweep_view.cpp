#include "ui/sweep/sweep_view.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/slurm_script.h"
#include "ui/sweep/slurm_fields.h"
#include "ui/sweep/slurm_script_dialog.h"
#include "ui/sweep/slurm_sweep_controller.h"
#include "ui/sweep/sweep_controller.h"
#include "ui/sweep/sweep_editor.h"
#include "ui/sweep/sweep_loss_chart.h"
#include "ui/sweep/sweep_options.h"
#include "ui/sweep/sweep_progress.h"
#include "ui/sweep/sweep_results_model.h"
#include "ui/sweep/sweep_results_table.h"
#include "ui/sweep/sweep_summary_chart.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {
namespace {

QGroupBox* group(const QString& title, QWidget* content)
{
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(content);
    return box;
}

QLabel* noteLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

// A new, empty folder for one sweep run: sweeps/sweep-20240131-142501[-2].
QString newSweepFolder()
{
    const QString folder = SweepView::unusedSweepFolder(SweepView::sweepsFolder());
    if (!QDir().mkpath(folder))
        throw Error(folder.toStdString() + ": cannot create the sweep's folder");
    return folder;
}

} // namespace

SweepView::SweepView(QWidget* parent)
    : QWidget(parent), m_controller(new SweepController(this)), m_model(new SweepResultsModel(this)),
      m_slurm(new SlurmSweepController(this)),
      m_cliPath(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("lstmlab-cli")))
{
    m_editor = new SweepEditor;
    m_jobs = new QSpinBox;
    m_jobs->setObjectName(QStringLiteral("sweep_jobs"));
    m_jobs->setRange(1, std::max(64, QThread::idealThreadCount()));
    m_jobs->setValue(std::max(1, QThread::idealThreadCount()));
    m_jobs->setToolTip(tr("Trials trained at the same time, one core each."));
    m_run = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/train.svg")), tr("Run sweep"));
    m_run->setObjectName(QStringLiteral("sweep_run"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("sweep_cancel"));
    m_cancel->setToolTip(tr("Running trials stop after their current batch; no new trial starts."));
    m_runNote = noteLabel();
    m_runNote->setObjectName(QStringLiteral("sweep_run_note"));
    m_slurmFields = new SlurmFields;
    m_openSlurm = new QPushButton(tr("Open Slurm sweep…"));
    m_openSlurm->setObjectName(QStringLiteral("sweep_open_slurm"));
    m_openSlurm->setToolTip(tr("Follow a sweep submitted to Slurm earlier: choose its results CSV or the sweep.json "
                               "of its trials folder."));
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel(tr("Parallel jobs")));
    runRow->addWidget(m_jobs);
    runRow->addStretch(1);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(group(tr("Sweep file (lstmlab-cli sweep format)"), m_editor), 5);
    auto* where = group(tr("Where the trials run"), m_slurmFields);
    where->layout()->addWidget(m_openSlurm);
    leftLayout->addWidget(where);
    leftLayout->addLayout(runRow);
    leftLayout->addWidget(m_runNote);
    m_progress = new SweepProgress;
    m_slurmPanel = new QWidget;
    m_slurmBar = new QProgressBar;
    m_slurmBar->setObjectName(QStringLiteral("slurm_progress"));
    m_slurmBar->setFormat(tr("%v of %m trials finished"));
    m_slurmLine = noteLabel();
    m_slurmLine->setObjectName(QStringLiteral("slurm_progress_line"));
    m_slurmLine->setStyleSheet(QString());
    m_slurmProblems = noteLabel();
    m_slurmProblems->setObjectName(QStringLiteral("slurm_problems"));
    m_slurmProblems->setStyleSheet(QStringLiteral("color: #b03030;"));
    m_slurmProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resubmit = new QPushButton(tr("Resubmit unfinished"));
    m_resubmit->setObjectName(QStringLiteral("slurm_resubmit"));
    m_resubmit->setToolTip(tr("Submit again the trials that neither finished nor wait in the queue (a trial with a "
                              "checkpoint continues from it), with the Slurm settings above."));
    auto* slurmLayout = new QVBoxLayout(m_slurmPanel);
    slurmLayout->setContentsMargins(0, 0, 0, 0);
    slurmLayout->addWidget(m_slurmBar);
    slurmLayout->addWidget(m_slurmLine);
    slurmLayout->addWidget(m_slurmProblems, 1);
    auto* resubmitRow = new QHBoxLayout;
    resubmitRow->addStretch(1);
    resubmitRow->addWidget(m_resubmit);
    slurmLayout->addLayout(resubmitRow);
    m_slurmPanel->hide();
    auto* progressBox = group(tr("Progress"), m_progress);
    progressBox->layout()->addWidget(m_slurmPanel);
    leftLayout->addWidget(progressBox, 2);

    m_table = new SweepResultsTable(m_model);
    m_use = new QPushButton(tr("Use this configuration"));
    m_use->setObjectName(QStringLiteral("sweep_use"));
    m_useNote = noteLabel();
    auto* useRow = new QHBoxLayout;
    useRow->addWidget(m_use);
    useRow->addWidget(m_useNote, 1);
    auto* trials = new QWidget;
    auto* trialsLayout = new QVBoxLayout(trials);
    trialsLayout->setContentsMargins(0, 0, 0, 0);
    trialsLayout->addWidget(m_table, 1);
    trialsLayout->addLayout(useRow);
    m_curves = new SweepLossChart;
    m_summary = new SweepSummaryChart;
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_curves);
    charts->addWidget(m_summary);
    charts->setSizes({500, 420});
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(group(tr("Trials"), trials));
    right->addWidget(charts);
    right->setSizes({330, 470});

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({470, 970});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(split);

    connect(m_editor, &SweepEditor::planChanged, this, &SweepView::refreshButtons);
    connect(m_editor, &SweepEditor::startFromCurrentRequested, this, [this] {
        refreshContext();
        m_editor->setText(sweepTextFromCurrent(m_context.spec, m_context.train));
    });
    connect(m_run, &QPushButton::clicked, this, &SweepView::runSweep);
    connect(m_cancel, &QPushButton::clicked, this, &SweepView::cancelSweep);
    connect(m_use, &QPushButton::clicked, this, &SweepView::useSelectedConfiguration);
    connect(m_progress, &SweepProgress::skipRequested, m_controller, &SweepController::skip);
    connect(m_table, &SweepResultsTable::selectionChanged, this, [this] { refreshCurves(); refreshButtons(); });
    connect(m_model, &SweepResultsModel::historyChanged, this, [this](int trial) {
        const std::vector<int> shown = m_table->selectedTrials();
        if (std::find(shown.begin(), shown.end(), trial) != shown.end())
            refreshCurves();
    });
    wireController();
    wireSlurm();
    refreshButtons();
}

SweepView::~SweepView()
{
    m_controller->shutdown();
    m_slurm->shutdown();
}

void SweepView::wireController()
{
    connect(m_controller, &SweepController::trialStarted, this, [this](int index) {
        m_model->trialStarted(index);
        m_progress->trialStarted(index);
    });
    connect(m_controller, &SweepController::trialProgress, this, [this](const TrialProgressSnapshot& s) {
        m_model->trialProgress(s);
        m_progress->trialProgress(s);
    });
    connect(m_controller, &SweepController::trialFinished, this, [this](const TrialResultPtr& result) {
        m_model->trialFinished(*result);
        m_progress->trialFinished(*result);
        m_summary->setSummary(summarize_sweep(m_model->results()));
        m_table->fitColumns();
        refreshButtons();
    });
    connect(m_controller, &SweepController::failed, this, [this](const QString& sentence) { showNote(sentence, true); });
    connect(m_controller, &SweepController::sweepFinished, this, &SweepView::onSweepFinished);
}

void SweepView::setContextProvider(std::function<SweepContext()> provider)
{
    m_provider = std::move(provider);
    refreshContext();
}

void SweepView::refreshContext()
{
    if (!m_provider)
        return;
    m_context = m_provider();
    const bool usable = !m_context.dataPath.isEmpty() && m_context.problem.isEmpty();
    m_editor->setDataSettings(usable ? std::optional<PipelineConfig>(m_context.pipeline) : std::nullopt, m_context.problem);
}

QString SweepView::unusedSweepFolder(const QString& parent)
{
    const QString stem = QDir(parent).filePath(
        QStringLiteral("sweep-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QString folder = stem;
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = stem + QLatin1Char('-') + QString::number(n);
    return folder;
}

QString SweepView::sweepsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sweeps");
}

void SweepView::runSweep()
{
    if (m_controller->isRunning())
        return;
    refreshContext();
    if (!m_editor->plan() || !m_editor->problem().isEmpty())
        return refreshButtons();
    if (m_slurmFields->backend() == SlurmFields::Backend::Slurm)
        return submitToSlurm();
    if (m_slurm->isAttached()) {   // its jobs run on; "Open Slurm sweep..." follows it again
        m_slurm->detach();
        m_slurmPanel->hide();
        m_progress->show();
        emit slurmSweepFollowed(QString());
    }
    SweepRequest request;
    request.dataPath = m_context.dataPath;
    request.plan = *m_editor->plan();
    request.jobs = m_jobs->value();
    try {
        request.folder = newSweepFolder();
        write_file_atomic(QDir(request.folder).filePath(QStringLiteral("sweep.json")).toStdString(), m_editor->text().toStdString());
    } catch (const std::exception& e) {
        return showNote(QString::fromStdString(e.what()), true);
    }
    m_model->setPlan(request.plan);
    m_summary->setSummary({});
    m_curves->setCurves({});
    m_progress->begin(request.plan, request.jobs);
    showNote(tr("Results: %1").arg(QDir::toNativeSeparators(request.folder)), false);
    m_controller->start(request);
    refreshButtons();
}

void SweepView::cancelSweep()
{
    m_controller->cancel();
    m_cancel->setEnabled(false);
}

void SweepView::shutdown()
{
    m_controller->shutdown();
    m_slurm->shutdown();
}

void SweepView::onSweepFinished(bool cancelled)
{
    m_progress->end(cancelled);
    m_summary->setSummary(summarize_sweep(m_model->results()));
    m_table->fitColumns();
    selectBestTrial();
    refreshButtons();
}

void SweepView::selectBestTrial()
{
    // The winner first and selected, so its curves show and "Use this configuration" is one click.
    m_table->sortByValidationLoss();
    int best = -1;
    double lowest = INFINITY;
    for (int k = 0; k < m_model->rowCount(); ++k) {
        const auto& result = m_model->trialRow(k).result;
        if (result && result->completed() && result->status != "diverged" && result->validation_loss < lowest) {
            lowest = result->validation_loss;
            best = k;
        }
    }
    if (best >= 0)
        m_table->selectTrial(best);
}

int SweepView::usableTrial(QString* reason) const
{
    const int trial = m_table->currentTrial();
    if (trial < 0 || trial >= m_model->rowCount()) {
        *reason = tr("Select a finished trial.");
        return -1;
    }
    const SweepResultsModel::Row& row = m_model->trialRow(trial);
    if (!row.result) {
        *reason = tr("Trial %1 has not finished yet.").arg(trial + 1);
        return -1;
    }
    if (row.result->status != "finished" && row.result->status != "early_stopped") {
        *reason = tr("Trial %1 %2: it has no trained model to use.").arg(trial + 1).arg(QString::fromStdString(row.result->status));
        return -1;
    }
    if (!QFileInfo::exists(QString::fromStdString(row.result->checkpoint))) {
        *reason = tr("Trial %1's checkpoint is gone: %2").arg(trial + 1).arg(QString::fromStdString(row.result->checkpoint));
        return -1;
    }
    *reason = tr("Trial %1: its model, data and training settings and its trained weights go to the workflow.").arg(trial + 1);
    return trial;
}

void SweepView::useSelectedConfiguration()
{
    QString reason;
    const int trial = usableTrial(&reason);
    if (trial >= 0)
        emit useConfigurationRequested(QString::fromStdString(m_model->trialRow(trial).result->checkpoint));
}

void SweepView::refreshButtons()
{
    const bool running = m_controller->isRunning();
    const bool slurm = m_slurmFields->backend() == SlurmFields::Backend::Slurm;
    QString slurmProblem = m_slurmFields->problem();
    if (slurm && slurmProblem.isEmpty() && !QFileInfo(m_cliPath).isExecutable())
        slurmProblem = tr("lstmlab-cli is not beside the workbench (%1): the cluster's tasks run it.").arg(m_cliPath);
    m_run->setText(slurm ? tr("Submit to Slurm…") : tr("Run sweep"));
    m_run->setEnabled(!running && m_editor->plan() && m_editor->problem().isEmpty() && slurmProblem.isEmpty());
    if (slurm && !slurmProblem.isEmpty())
        showNote(slurmProblem, true);
    else if (m_runNote->property("slurmProblem").toBool())
        showNote(QString(), false);
    m_runNote->setProperty("slurmProblem", slurm && !slurmProblem.isEmpty());
    m_cancel->setEnabled(running && !m_controller->isCancelled());
    m_cancel->setVisible(!slurm);
    m_jobs->setEnabled(!running && !slurm);
    m_slurmFields->setEnabled(!running);
    const SlurmSweepSnapshot* snap = m_slurmSnapshot.get();
    m_resubmit->setEnabled(m_slurm->isAttached() && snap && snap->status.unfinished() > 0 && m_slurmFields->fieldProblem().isEmpty()
                           && m_slurmFields->hasSbatch());
    m_editor->setEnabled(!running);
    QString reason;
    m_use->setEnabled(usableTrial(&reason) >= 0);
    m_useNote->setText(reason);
}

void SweepView::refreshCurves()
{
    std::vector<SweepCurve> curves;
    for (int trial : m_table->selectedTrials()) {
        const SweepResultsModel::Row& row = m_model->trialRow(trial);
        // Short legend entries: the table tells what configuration N is.
        curves.push_back({trial, tr("#%1 (config %2, seed %3)").arg(trial + 1).arg(row.trial->configuration + 1).arg(row.trial->options.train.seed),
                          row.history, row.state == SweepResultsModel::State::Running});
    }
    m_curves->setCurves(std::move(curves));
}

void SweepView::showNote(const QString& text, bool error)
{
    m_runNote->setText(text);
    m_runNote->setStyleSheet(error ? QStringLiteral("color: #b03030;") : QStringLiteral("color: palette(placeholder-text);"));
}

void SweepView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_controller->isRunning())
        refreshContext();
}

} // namespace lstmlab::ui

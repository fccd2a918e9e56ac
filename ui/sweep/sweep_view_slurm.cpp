// SweepView's Slurm side: submitting the sweep as a job array after showing its script, following the
// array's polls into the trials table, the charts and the progress panel, reattaching and resubmitting.
#include "ui/sweep/sweep_view.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/slurm_script.h"
#include "ui/sweep/slurm_fields.h"
#include "ui/sweep/slurm_script_dialog.h"
#include "ui/sweep/slurm_sweep_controller.h"
#include "ui/sweep/sweep_editor.h"
#include "ui/sweep/sweep_loss_chart.h"
#include "ui/sweep/sweep_progress.h"
#include "ui/sweep/sweep_results_model.h"
#include "ui/sweep/sweep_results_table.h"
#include "ui/sweep/sweep_summary_chart.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace lstmlab::ui {
namespace {

// The table's plan for a trials folder read back (the trials and the varied columns).
SweepPlan planOf(const SweepFolder& folder)
{
    SweepPlan plan;
    plan.trials = folder.trials;
    plan.varied_names = folder.varied_names;
    for (const Trial& trial : folder.trials)
        plan.configurations = std::max(plan.configurations, trial.configuration + 1);
    return plan;
}

} // namespace

void SweepView::wireSlurm()
{
    connect(m_slurmFields, &SlurmFields::changed, this, &SweepView::refreshButtons);
    connect(m_openSlurm, &QPushButton::clicked, this, &SweepView::openSlurmSweep);
    connect(m_resubmit, &QPushButton::clicked, this, &SweepView::resubmitUnfinished);
    connect(m_slurm, &SlurmSweepController::folderReady, this, [this](const SweepFolderPtr& folder) {
        m_model->setPlan(planOf(*folder));
        m_summary->setSummary({});
        m_curves->setCurves({});
        m_slurmBar->setRange(0, int(folder->trials.size()));
        m_slurmBar->setValue(0);
        emit slurmSweepFollowed(QString::fromStdString(folder->trials_dir));
    });
    connect(m_slurm, &SlurmSweepController::submitted, this, [this](const QString& job, const QString& trials) {
        showNote(job.isEmpty() ? tr("Nothing to submit: every trial finished or waits in the queue.")
                               : tr("Submitted Slurm job %1: trials %2 (%3).").arg(job, trials, m_slurm->trialsDir()),
                 false);
    });
    connect(m_slurm, &SlurmSweepController::failed, this, [this](const QString& sentence) { showNote(sentence, true); });
    connect(m_slurm, &SlurmSweepController::snapshot, this, &SweepView::showSlurmSnapshot);
}

void SweepView::setCliPath(const QString& path)
{
    m_cliPath = path;
    refreshButtons();
}

SlurmScriptDialog* SweepView::scriptDialog() const { return findChild<SlurmScriptDialog*>(); }

void SweepView::submitToSlurm()
{
    if (!m_run->isEnabled() || scriptDialog())
        return;
    SlurmSubmitRequest request;
    request.plan = *m_editor->plan();
    request.dataPath = m_context.dataPath;
    request.options = m_slurmFields->options();
    request.cliPath = m_cliPath;
    const QString folder = unusedSweepFolder(m_slurmFields->folder());
    request.resultsCsv = QDir(folder).filePath(QStringLiteral("results.csv"));
    const std::string trialsDir = default_trials_dir(request.resultsCsv.toStdString());
    const int trials = int(request.plan.trials.size());
    const QString script = QString::fromStdString(slurm_script_text(request.options, m_cliPath.toStdString(), trialsDir, trials));
    auto* dialog = new SlurmScriptDialog(script, QString::fromStdString(trialsDir), trials, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, request, folder] {
        try {
            if (!QDir().mkpath(folder))
                throw Error(folder.toStdString() + ": cannot create the sweep's folder");
            write_file_atomic(QDir(folder).filePath(QStringLiteral("sweep.json")).toStdString(), m_editor->text().toStdString());
        } catch (const std::exception& e) {
            return showNote(QString::fromStdString(e.what()), true);
        }
        m_model->setPlan(request.plan);
        m_slurmSnapshot.reset();
        m_progress->hide();
        m_slurmPanel->show();
        m_slurmLine->setText(tr("Writing the trials folder and submitting…"));
        m_slurmProblems->clear();
        showNote(tr("Results: %1").arg(QDir::toNativeSeparators(folder)), false);
        m_slurm->submit(request);
        refreshButtons();
    });
    dialog->open();
}

void SweepView::attachSlurmSweep(const QString& path)
{
    const QString target = QFileInfo(path).fileName() == QStringLiteral("sweep.json") ? QFileInfo(path).absolutePath() : path;
    QString trialsDir;
    try {
        trialsDir = SlurmSweepController::trialsDirOf(target);
    } catch (const std::exception& e) {
        return showNote(QString::fromStdString(e.what()), true);
    }
    m_slurmSnapshot.reset();
    m_progress->hide();
    m_slurmPanel->show();
    m_slurmLine->setText(tr("Reading %1…").arg(trialsDir));
    m_slurmProblems->clear();
    showNote(tr("Following the Slurm sweep in %1.").arg(QDir::toNativeSeparators(trialsDir)), false);
    m_slurm->attach(trialsDir);
    refreshButtons();
}

void SweepView::openSlurmSweep()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a Slurm sweep"), m_slurmFields->folder(),
                                                      tr("Results CSV or trials folder's sweep.json (*.csv sweep.json)"));
    if (!path.isEmpty())
        attachSlurmSweep(path);
}

void SweepView::resubmitUnfinished()
{
    if (!m_resubmit->isEnabled())
        return;
    m_slurm->resubmit(m_slurmFields->options(), m_cliPath);
    m_resubmit->setEnabled(false);
    m_slurmLine->setText(tr("Resubmitting the unfinished trials…"));
}

void SweepView::showSlurmSnapshot(const SlurmSnapshotPtr& snapshot)
{
    m_slurmSnapshot = snapshot;
    for (const TrialStatus& trial : snapshot->status.trials)
        m_model->trialSlurmStatus(trial);
    bool newResults = false;
    for (const TrialResult& result : snapshot->results)
        if (result.index >= 0 && result.index < m_model->rowCount() && !m_model->trialRow(result.index).result) {
            m_model->trialFinished(result);
            newResults = true;
        }
    m_slurmBar->setRange(0, int(snapshot->status.trials.size()));
    m_slurmBar->setValue(snapshot->status.succeeded());
    m_slurmLine->setText(snapshot->progressLine + (snapshot->following ? QString() : tr(" — done; results assembled.")));
    m_slurmProblems->setText(snapshot->problems.trimmed());
    if (newResults) {
        m_summary->setSummary(summarize_sweep(m_model->results()));
        m_table->fitColumns();
    }
    if (!snapshot->following && newResults) {
        m_table->sortByValidationLoss();
        selectBestTrial();
    }
    refreshButtons();
}

} // namespace lstmlab::ui

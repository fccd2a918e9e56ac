// SweepView: the Sweep tab. Left: the sweep file editor, the number of parallel jobs, Run / Cancel
// and the progress (overall with ETA, one bar per running trial with Skip). Right: the trials table
// (sortable, filterable), "Use this configuration", the selected trials' loss curves overlaid and
// the mean +- std of each configuration across seeds.
//
// The view pulls the workbench's current settings through a provider (MainWindow supplies it): the
// data file and Data settings are the sweep's base options, the Model and Train settings are what
// "Start from current model" writes. A sweep runs on the data file as loaded, in its own folder
// under the app data location (sweeps/sweep-<date>-<time>/: sweep.json, results.csv, summary.csv,
// trials/trial-NNNN/ with each trial's checkpoint and run folder).
// The trials run on this machine (Local) or as a Slurm job array (SlurmFields): then Run shows the
// job array script (SlurmScriptDialog) and submits it on SlurmSweepController's worker, which follows
// the array (finished/running/pending/failed, ETA, each trial's Slurm state in the table; trials that
// ended show in the table and charts as local ones). "Open Slurm sweep..." reattaches to a trials
// folder (or its results CSV); slurmSweepFollowed tells MainWindow, which remembers it for the next start.
// "Use this configuration" hands the selected trial's checkpoint to MainWindow, which opens it the
// way File > Open checkpoint does: its model, data and training settings fill the workflow.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lstmlab::ui {

class SlurmFields;
class SlurmScriptDialog;
class SlurmSweepController;
struct SlurmSweepSnapshot;
class SweepController;
class SweepEditor;
class SweepLossChart;
class SweepProgress;
class SweepResultsModel;
class SweepResultsTable;
class SweepSummaryChart;

// The workbench's settings a sweep starts from.
struct SweepContext {
    QString dataPath;          // empty while no data is loaded
    PipelineConfig pipeline;
    ModelSpec spec;
    TrainConfig train;
    QString problem;           // why the Data settings cannot be swept (empty when they can)
};

class SweepView : public QWidget {
    Q_OBJECT
public:
    explicit SweepView(QWidget* parent = nullptr);
    ~SweepView() override;

    void setContextProvider(std::function<SweepContext()> provider);
    // Pulls the current settings and re-checks the sweep file against them.
    void refreshContext();
    // The buttons' actions.
    void runSweep();
    void cancelSweep();
    void useSelectedConfiguration();
    // Cancels a running sweep and joins its thread (window close). A Slurm sweep's jobs run on.
    void shutdown();

    // Slurm: follows the sweep of a trials folder, its results CSV or its sweep.json.
    void attachSlurmSweep(const QString& path);
    void openSlurmSweep();          // asks for the file, then attachSlurmSweep
    void resubmitUnfinished();
    // The lstmlab-cli the array tasks run: beside the workbench unless set.
    QString cliPath() const { return m_cliPath; }
    void setCliPath(const QString& path);

    // Where sweeps keep their folders.
    static QString sweepsFolder();
    // sweep-<date>-<time>[-N] under `parent`, a name nothing uses yet (not created).
    static QString unusedSweepFolder(const QString& parent);

    SweepEditor* editor() const { return m_editor; }
    SweepController* controller() const { return m_controller; }
    SweepProgress* progress() const { return m_progress; }
    SweepResultsModel* resultsModel() const { return m_model; }
    SweepResultsTable* resultsTable() const { return m_table; }
    SweepLossChart* lossChart() const { return m_curves; }
    SweepSummaryChart* summaryChart() const { return m_summary; }
    QSpinBox* jobsBox() const { return m_jobs; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* useButton() const { return m_use; }
    SlurmFields* slurmFields() const { return m_slurmFields; }
    SlurmSweepController* slurmController() const { return m_slurm; }
    // The script dialog while it is open (else null).
    SlurmScriptDialog* scriptDialog() const;
    QPushButton* resubmitButton() const { return m_resubmit; }
    QLabel* slurmProgressLabel() const { return m_slurmLine; }
    QLabel* slurmProblemsLabel() const { return m_slurmProblems; }
    QLabel* runNote() const { return m_runNote; }
    // The last poll of the Slurm sweep followed (null before the first).
    const SlurmSweepSnapshot* slurmSnapshot() const { return m_slurmSnapshot.get(); }

signals:
    // The checkpoint of the trial to bring into the main workflow.
    void useConfigurationRequested(const QString& checkpointPath);
    // The trials folder of the Slurm sweep now followed ("" when none).
    void slurmSweepFollowed(const QString& trialsDir);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void wireController();
    void refreshButtons();
    void refreshCurves();
    void onSweepFinished(bool cancelled);
    void selectBestTrial();
    void wireSlurm();
    void submitToSlurm();
    void showSlurmSnapshot(const std::shared_ptr<const SlurmSweepSnapshot>& snapshot);
    void showNote(const QString& text, bool error);
    // The trial whose checkpoint "Use this configuration" would open, or -1 (with the reason).
    int usableTrial(QString* reason) const;

    std::function<SweepContext()> m_provider;
    SweepContext m_context;
    SweepController* m_controller;
    SweepEditor* m_editor;
    SweepProgress* m_progress;
    SweepResultsModel* m_model;
    SweepResultsTable* m_table;
    SweepLossChart* m_curves;
    SweepSummaryChart* m_summary;
    QSpinBox* m_jobs;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_use;
    QLabel* m_runNote;
    QLabel* m_useNote;
    SlurmFields* m_slurmFields;
    SlurmSweepController* m_slurm;
    QPushButton* m_openSlurm;
    QPushButton* m_resubmit;
    QWidget* m_slurmPanel;
    QProgressBar* m_slurmBar;
    QLabel* m_slurmLine;
    QLabel* m_slurmProblems;
    QString m_cliPath;
    std::shared_ptr<const SlurmSweepSnapshot> m_slurmSnapshot;
};

} // namespace lstmlab::ui

// MainWindow: assembles the four workflow steps (Data -> Model -> Train -> Results, plus the Sweep
// tab, whose "Use this configuration" opens a trial's checkpoint here), the menus and the status
// strip, and wires them to the TrainingController. It holds no engine state: the views show, the
// controller computes.
//
// Start: a CSV given on the command line, else the last session (experiment + checkpoint), else the
// bundled sample dataset, so that one click on Train works at once. Close: the session is saved for
// the next start, then the controller stops training and joins its thread (R10).
// What the workbench holds (data, model, results) lives in one WorkbenchState; applyState() derives
// every action's and view's enabled state and notes from it. Every action reports through the
// status strip's notice: begin, success (shown a few seconds), failure (until the next success).
// The public methods below are the menu actions without their file dialogs (used by tests).
#pragma once

#include "ui/common/snapshots.h"
#include "ui/controller/data_loader.h"
#include "ui/session/experiment.h"
#include "ui/session/session_store.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QTabWidget;

namespace lstmlab::ui {

class DataView;
class ModelView;
class ResultsView;
class StatusStrip;
class SweepView;
class TrainView;
class TrainingController;
class WorkbenchState;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // What the window opens first: `csvPath` if given, else the last session, else the sample.
    void start(const QString& csvPath = {});

    void openDataFile(const QString& path);
    void exportCheckpoint(const QString& path);
    void openCheckpoint(const QString& path);
    void exportPredictions(const QString& path);
    void exportForecast(const QString& path);
    void exportWalkForward(const QString& path);
    void saveChartImages(const QString& folder);
    void saveExperiment(const QString& path);
    void openExperiment(const QString& path);
    void startTraining();

    DataView* dataView() const { return m_data; }
    ModelView* modelView() const { return m_model; }
    TrainView* trainView() const { return m_train; }
    ResultsView* resultsView() const { return m_results; }
    SweepView* sweepView() const { return m_sweep; }
    TrainingController* controller() const { return m_controller; }
    QTabWidget* steps() const { return m_tabs; }
    StatusStrip* statusStrip() const { return m_status; }
    WorkbenchState* state() const { return m_state; }
    QAction* exportCheckpointAction() const { return m_exportCheckpointAction; }
    QAction* exportPredictionsAction() const { return m_exportPredictionsAction; }
    QAction* saveImagesAction() const { return m_saveImagesAction; }
    QAction* exportForecastAction() const { return m_exportForecastAction; }

signals:
    // Emitted when an error sentence is shown to the user (also shown in a message box unless quiet).
    void errorShown(const QString& sentence);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void wireViews();
    void wireController();
    void refreshShapes();
    // Why the Data, Model and Train settings cannot train (empty when they can).
    QString settingsProblem() const;
    void refreshBlockedReason();
    void refreshStatus();
    void applyState();
    void refreshTitle();
    void showError(const QString& sentence);
    void showSuccess(const QString& sentence);
    // The folder file dialogs start in: the open data file's, else the last checkpoint's.
    QString dialogFolder() const;
    QString resultsBlockedReason() const;
    void onDataLoaded(const LoadedDataPtr& data);
    void onCheckpointOpened(const OpenedCheckpointPtr& opened);
    Experiment currentExperiment() const;
    // The sentence refusing `path` as a place to save when it is the open data file or the checkpoint
    // the model was opened from (the same file however spelled: symlinks, "./"); "" when it is neither.
    QString overwritesAnInput(const QString& path) const;
    void saveLastSession();
    bool restoreLastSession();

    TrainingController* m_controller;
    WorkbenchState* m_state;
    SessionStore m_store;
    QTabWidget* m_tabs;
    DataView* m_data;
    ModelView* m_model;
    TrainView* m_train;
    ResultsView* m_results;
    SweepView* m_sweep;
    StatusStrip* m_status;
    QAction* m_exportCheckpointAction = nullptr;
    QAction* m_exportPredictionsAction = nullptr;
    QAction* m_saveImagesAction = nullptr;
    QAction* m_exportForecastAction = nullptr;
    std::optional<Experiment> m_pendingExperiment;   // applied when its data file has loaded
    QString m_checkpointPath;                        // last exported or opened checkpoint
    QString m_openedCheckpointPath;                  // the checkpoint last opened (never saved over)
    TrainRequest m_request;                          // of the run being started (its data becomes the model's)
    std::string m_requestSha;
    bool m_closing = false;
    bool m_keepSettingsOnOpen = false;               // the checkpoint being opened belongs to an experiment
};

} // namespace lstmlab::ui

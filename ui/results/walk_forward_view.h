// WalkForwardView: the Results step's "Walk-forward" page. Is the model's edge over persistence real,
// or one lucky test period? K consecutive test blocks at the end of the series, each forecast by a
// model that saw nothing from its block on (engine walk_forward.h), with the fold settings (K, refit
// every fold warm-started, every fold from scratch, or never; expanding or rolling window), Run / Cancel with progress (the run is on
// WalkForwardController's thread), the per-fold table (the CLI's `backtest` table transposed: a row
// per figure, a column per fold and "all"; four significant digits), a chart of one fold metric per fold (model vs persistence), and the Diebold-Mariano
// verdict over all blocks in plain words ("No significant edge over persistence (p = 0.41)") with the
// engine's full sentence below it. "Export fold table CSV…" writes `backtest --out`'s file.
//
// The data, model and training settings are the workflow's (pulled through a provider that MainWindow
// supplies), so a walk-forward run evaluates exactly the configuration the Train step would train.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"
#include "ui/controller/walk_forward_controller.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace lstmlab::ui {

class FoldMetricChart;

// The workflow's settings a walk-forward run starts from.
struct WalkForwardContext {
    QString dataPath;          // empty while no data is loaded
    PipelineConfig pipeline;
    ModelSpec spec;
    TrainConfig train;
    QString problem;           // why these settings cannot run (empty when they can)
};

class WalkForwardView : public QWidget {
    Q_OBJECT
public:
    explicit WalkForwardView(QWidget* parent = nullptr);
    ~WalkForwardView() override;

    void setContextProvider(std::function<WalkForwardContext()> provider);
    // What WorkbenchState allows (not while training); `reason` becomes Run's tooltip.
    void setRunAllowed(bool allowed, const QString& reason = {});
    // The buttons' actions.
    void run();
    void cancel();
    // Cancels a running evaluation and joins its thread (window close).
    void shutdown();
    // The fold settings as chosen.
    WalkForwardConfig config() const;

    WalkForwardController* controller() const { return m_controller; }
    WalkForwardResultPtr result() const { return m_result; }
    QSpinBox* foldsBox() const { return m_folds; }
    QComboBox* refitBox() const { return m_refit; }
    QComboBox* windowBox() const { return m_window; }
    QSpinBox* rollingRowsBox() const { return m_rollingRows; }
    QComboBox* metricBox() const { return m_metric; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* exportButton() const { return m_export; }
    QProgressBar* progressBar() const { return m_progress; }
    QTableWidget* table() const { return m_table; }
    FoldMetricChart* chart() const { return m_chart; }
    QLabel* verdict() const { return m_verdict; }
    QLabel* detail() const { return m_detail; }
    QLabel* status() const { return m_status; }

signals:
    void exportRequested();
    void failed(const QString& sentence);

private:
    void showResult(const WalkForwardResultPtr& result);
    void showProgress(const WalkForwardProgressSnapshot& snapshot);
    void refreshButtons();

    std::function<WalkForwardContext()> m_provider;
    WalkForwardController* m_controller;
    WalkForwardResultPtr m_result;
    bool m_allowed = true;
    QString m_blockedReason;
    QSpinBox* m_folds;
    QComboBox* m_refit;
    QComboBox* m_window;
    QSpinBox* m_rollingRows;
    QComboBox* m_metric;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_verdict;
    QLabel* m_detail;
    QTableWidget* m_table;
    FoldMetricChart* m_chart;
};

// "No significant edge over persistence (p = 0.41)", "The model beats persistence (p = 0.003)",
// "Persistence beats the model (p = 0.02)" at the 5 % level; "n/a" with the reason otherwise.
QString walkForwardVerdict(const DieboldMariano& dm);

} // namespace lstmlab::ui

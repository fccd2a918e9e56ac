// SweepResultsModel: one row per trial of the plan -- pending, running (with its fraction done) or
// done (with the engine's TrialResult) -- and one column per varied option and per metric.
//
// A sweep run by Slurm fills the same rows from its polls (trialSlurmStatus, trialFinished).
//
// Columns: # | config | seed | <varied options, in the plan's order> | val loss | test RMSE |
//          naive RMSE (persistence baseline) | direction | Sharpe | status | epochs | best epoch |
//          params | seconds
// Display text is rounded for reading; sortRole holds the exact number (missing and non-finite
// values as +infinity, so an ascending sort puts them last) or the text, so a proxy sorts any
// column correctly.
#pragma once

#include "engine/workflow/sweep_status.h"
#include "ui/sweep/sweep_controller.h"

#include <QAbstractTableModel>

#include <optional>

namespace lstmlab::ui {

class SweepResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int sortRole = Qt::UserRole + 1;

    enum class State { Pending, Running, Done };
    struct Row {
        const Trial* trial = nullptr;             // into the model's plan
        State state = State::Pending;
        double fraction = 0;                      // running: 0..1
        std::vector<EpochRecord> history;         // live while running, final when done
        std::optional<TrialResult> result;
        // A trial run by Slurm and not (yet) ended with a result: its state as the status column
        // shows it ("pending", "timeout (TIMEOUT)") and its job and last log line (the tooltip).
        QString slurmState;
        QString slurmDetail;
        bool slurmFailed = false;
    };

    explicit SweepResultsModel(QObject* parent = nullptr);

    void setPlan(const SweepPlan& plan);
    void trialStarted(int index);
    void trialProgress(const TrialProgressSnapshot& snapshot);
    void trialFinished(const TrialResult& result);
    // A Slurm trial's state from a poll (sweep_status.h); its result, when it has one, comes through
    // trialFinished like a local trial's.
    void trialSlurmStatus(const TrialStatus& status);

    const SweepPlan& plan() const { return m_plan; }
    const Row& trialRow(int row) const { return m_rows[std::size_t(row)]; }
    std::vector<TrialResult> results() const;   // the finished trials, in trial order
    int validationLossColumn() const;
    int statusColumn() const;
    int columnOf(const QString& header) const;  // -1 when none has that header (line breaks as spaces)

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    // A trial's loss history changed (an epoch ended or it finished).
    void historyChanged(int trialIndex);

private:
    int firstMetricColumn() const { return 3 + int(m_plan.varied_names.size()); }
    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int column) const;
    void rowChanged(int index);

    SweepPlan m_plan;
    std::vector<Row> m_rows;
};

} // namespace lstmlab::ui

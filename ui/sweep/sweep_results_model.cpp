#include "ui/sweep/sweep_results_model.h"

#include <QBrush>
#include <QColor>

#include <cmath>
#include <limits>

namespace lstmlab::ui {
namespace {

// The metric columns, in the order shown: what is compared first comes first.
enum Metric { ValidationLoss, TestRmse, NaiveRmse, Direction, Sharpe, Status, Epochs, BestEpoch, Parameters, Seconds, metricColumns };
const char* const metricHeaders[metricColumns] = {"val loss", "test RMSE", "naive RMSE", "direction", "Sharpe",
                                                  "status",   "epochs",    "best epoch", "params",    "seconds"};
const char* const metricTips[metricColumns] = {
    "best validation loss (the training loss on scaled values)",
    "RMSE of the predictions on the test split, in the target's units",
    "RMSE of the persistence baseline (next value = last value) on the test split: the number to beat",
    "share of test windows whose predicted move has the right sign",
    "annualised Sharpe ratio of trading the sign of the predicted move on the test split",
    "finished, early-stopped, diverged, stopped (skipped or cancelled) or failed",
    "epochs trained",
    "the epoch with the lowest validation loss: the checkpoint holds its weights",
    "trainable parameters",
    "wall-clock seconds the trial took"};

double orLast(double value) { return std::isfinite(value) ? value : std::numeric_limits<double>::infinity(); }

QVariant number(double value, int digits)
{
    return std::isfinite(value) ? QVariant(QString::number(value, 'g', digits)) : QVariant(QStringLiteral("–"));
}

} // namespace

SweepResultsModel::SweepResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepResultsModel::setPlan(const SweepPlan& plan)
{
    beginResetModel();
    m_plan = plan;
    m_rows.assign(m_plan.trials.size(), Row{});
    for (std::size_t k = 0; k < m_rows.size(); ++k)
        m_rows[k].trial = &m_plan.trials[k];
    endResetModel();
}

void SweepResultsModel::trialStarted(int index)
{
    if (index < 0 || index >= rowCount())
        return;
    m_rows[std::size_t(index)].state = State::Running;
    rowChanged(index);
}

void SweepResultsModel::trialProgress(const TrialProgressSnapshot& s)
{
    if (s.index < 0 || s.index >= rowCount() || m_rows[std::size_t(s.index)].state == State::Done)
        return;
    Row& row = m_rows[std::size_t(s.index)];
    // Only the status cell shows progress: repaint it when its whole percent changes.
    const bool shownChanged = row.state != State::Running || int(row.fraction * 100) != int(s.fraction * 100);
    row.state = State::Running;
    row.fraction = s.fraction;
    if (shownChanged)
        emit dataChanged(index(s.index, statusColumn()), index(s.index, statusColumn()));
    if (!s.history.empty()) {
        row.history = s.history;
        emit historyChanged(s.index);
    }
}

void SweepResultsModel::trialFinished(const TrialResult& result)
{
    if (result.index < 0 || result.index >= rowCount())
        return;
    Row& row = m_rows[std::size_t(result.index)];
    row.state = State::Done;
    row.fraction = 1;
    row.result = result;
    row.history = result.history;
    rowChanged(result.index);
    emit historyChanged(result.index);
}

void SweepResultsModel::trialSlurmStatus(const TrialStatus& status)
{
    const int index = status.trial - 1;
    if (index < 0 || index >= rowCount() || m_rows[std::size_t(index)].result)
        return;
    Row& row = m_rows[std::size_t(index)];
    QString shown = QString::fromStdString(status.state).replace(QLatin1Char('_'), QLatin1Char('-'));
    const QString word = QString::fromStdString(status.slurm_state);
    if (!word.isEmpty() && word.compare(QString::fromStdString(status.state), Qt::CaseInsensitive) != 0)
        shown += QStringLiteral(" (%1)").arg(word);
    QString detail = status.job.empty() ? tr("not submitted") : tr("Slurm job %1").arg(QString::fromStdString(status.job));
    if (!status.log_line.empty())
        detail += tr("; last log line: %1").arg(QString::fromStdString(status.log_line));
    const State state = status.state == "running" ? State::Running : State::Pending;
    const bool failedNow = !status.queued() && status.state != "not_submitted" && status.state != "unknown";
    if (row.slurmState == shown && row.slurmDetail == detail && row.state == state)
        return;
    row.slurmState = shown;
    row.slurmDetail = detail;
    row.slurmFailed = failedNow;
    row.state = state;
    rowChanged(index);
}

std::vector<TrialResult> SweepResultsModel::results() const
{
    std::vector<TrialResult> out;
    for (const Row& row : m_rows)
        if (row.result)
            out.push_back(*row.result);
    return out;
}

int SweepResultsModel::columnOf(const QString& header) const
{
    for (int c = 0; c < columnCount(); ++c)
        if (headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().simplified().compare(header.simplified(), Qt::CaseInsensitive) == 0)
            return c;
    return -1;
}

int SweepResultsModel::validationLossColumn() const { return firstMetricColumn() + ValidationLoss; }

int SweepResultsModel::statusColumn() const { return firstMetricColumn() + Status; }

int SweepResultsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SweepResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : firstMetricColumn() + metricColumns; }

QVariant SweepResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= firstMetricColumn() &&
        section < firstMetricColumn() + metricColumns)
        return tr(metricTips[section - firstMetricColumn()]);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return QStringLiteral("#");
    if (section == 1)
        return tr("config");
    if (section == 2)
        return tr("seed");
    const int varied = section - 3;
    if (varied < int(m_plan.varied_names.size()))
        return QString::fromStdString(m_plan.varied_names[std::size_t(varied)]);
    // Two-word headers on two lines: the table has many columns and little width.
    const int metric = section - firstMetricColumn();
    return metric < metricColumns ? tr(metricHeaders[metric]).replace(QLatin1Char(' '), QLatin1Char('\n')) : QVariant();
}

QVariant SweepResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case sortRole: return sortValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == statusColumn() ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if ((row.result && (row.result->status == "failed" || row.result->status == "diverged")) || (!row.result && row.slurmFailed))
            return QBrush(QColor(0xb0, 0x30, 0x30));
        if (row.state == State::Pending)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::ToolTipRole:
        if (row.result && !row.result->message.empty())
            return QString::fromStdString(row.result->message);
        if (!row.result && !row.slurmDetail.isEmpty())
            return row.slurmDetail;
        return QString::fromStdString(row.trial->label());
    default: return {};
    }
}

QVariant SweepResultsModel::display(const Row& row, int column) const
{
    const Trial& trial = *row.trial;
    if (column == 0)
        return trial.index + 1;
    if (column == 1)
        return trial.configuration + 1;
    if (column == 2)
        return QString::number(trial.options.train.seed);
    if (column < firstMetricColumn()) {
        const std::string& name = m_plan.varied_names[std::size_t(column - 3)];
        for (const auto& [option, text] : trial.varied)
            if (option == name)
                return QString::fromStdString(text);
        return QString();
    }
    const int metric = column - firstMetricColumn();
    if (metric == Status) {
        if (!row.result && !row.slurmState.isEmpty())
            return row.slurmState;
        if (row.state == State::Pending)
            return tr("pending");
        if (row.state == State::Running)
            return tr("running %1%").arg(int(row.fraction * 100));
        return QString::fromStdString(row.result->status).replace(QLatin1Char('_'), QLatin1Char('-'));
    }
    if (!row.result)
        return QString();
    const TrialResult& r = *row.result;
    switch (metric) {
    case ValidationLoss: return number(r.validation_loss, 4);
    case TestRmse: return number(r.test_rmse, 4);
    case NaiveRmse: return number(r.persistence_rmse, 4);
    case Direction:
        return std::isfinite(r.test_directional_accuracy) ? QVariant(QString::number(r.test_directional_accuracy * 100, 'f', 1) + QLatin1Char('%'))
                                                          : QVariant(QStringLiteral("–"));
    case Sharpe: return number(r.test_sharpe, 3);
    case Epochs: return r.epochs;
    case BestEpoch: return r.best_epoch;
    case Parameters: return QVariant::fromValue(qlonglong(r.parameters));
    case Seconds: return QString::number(r.seconds, 'f', 1);
    default: return {};
    }
}

QVariant SweepResultsModel::sortValue(const Row& row, int column) const
{
    const Trial& trial = *row.trial;
    if (column == 0)
        return double(trial.index);
    if (column == 1)
        return double(trial.configuration);
    if (column == 2)
        return double(trial.options.train.seed);
    if (column < firstMetricColumn()) {
        const QString text = display(row, column).toString();
        bool ok = false;
        const double value = text.toDouble(&ok);   // numbers sort as numbers; "64,32" as text
        return ok ? QVariant(value) : QVariant(text);
    }
    const int metric = column - firstMetricColumn();
    if (metric == Status)
        return display(row, column);
    if (!row.result)
        return std::numeric_limits<double>::infinity();
    const TrialResult& r = *row.result;
    const double values[metricColumns] = {r.validation_loss, r.test_rmse, r.persistence_rmse, r.test_directional_accuracy,
                                          r.test_sharpe, 0, double(r.epochs), double(r.best_epoch), double(r.parameters),
                                          r.seconds};
    return orLast(values[metric]);
}

void SweepResultsModel::rowChanged(int index)
{
    emit dataChanged(this->index(index, 0), this->index(index, columnCount() - 1));
}

} // namespace lstmlab::ui

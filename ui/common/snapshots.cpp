#include "ui/common/snapshots.h"

#include <QObject>

namespace lstmlab::ui {

QString AttentionSnapshot::stepLabel(int window, int step) const
{
    const std::size_t row = endRows[std::size_t(window)] + 1 + std::size_t(step) - std::size_t(steps);
    const qsizetype index = qsizetype(row - firstRow);
    return index >= 0 && index < rowLabels.size() ? rowLabels[index] : QString::number(row + 1);
}

QString runOutcome(const ResultsSnapshot& r)
{
    const int epochs = int(r.history.size());
    if (epochs == 0)
        return r.status == TrainStatus::stopped ? QObject::tr("Stopped by the user during epoch 1") : QObject::tr("Model ready");
    const QString best = r.bestEpoch > 0 ? QObject::tr(" · best %1").arg(r.bestEpoch) : QString();
    switch (r.status) {
    case TrainStatus::finished:
        return (epochs == 1 ? QObject::tr("Finished · 1 epoch") : QObject::tr("Finished · %1 epochs").arg(epochs)) + best;
    case TrainStatus::early_stopped:
        return QObject::tr("Early-stopped at epoch %1").arg(epochs) + best;
    case TrainStatus::stopped:
        return QObject::tr("Stopped by the user after epoch %1").arg(epochs) + best;
    case TrainStatus::diverged:
        return QObject::tr("Diverged at epoch %1").arg(epochs) + best;
    case TrainStatus::running:
        break;
    }
    return QObject::tr("Running · epoch %1").arg(epochs) + best;
}

void registerSnapshotTypes()
{
    qRegisterMetaType<TrainRequest>();
    qRegisterMetaType<ProgressSnapshotPtr>();
    qRegisterMetaType<EpochSnapshotPtr>();
    qRegisterMetaType<AttentionSnapshotPtr>();
    qRegisterMetaType<ResultsSnapshotPtr>();
    qRegisterMetaType<OpenedCheckpointPtr>();
}

} // namespace lstmlab::ui

#include "ui/common/snapshots.h"

namespace lstmlab::ui {

QString AttentionSnapshot::stepLabel(int window, int step) const
{
    const std::size_t row = endRows[std::size_t(window)] + 1 + std::size_t(step) - std::size_t(steps);
    const qsizetype index = qsizetype(row - firstRow);
    return index >= 0 && index < rowLabels.size() ? rowLabels[index] : QString::number(row + 1);
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

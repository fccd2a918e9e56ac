// HyperparameterForm: the training settings with the tutorial's recommended ranges beside each
// field. Values outside a range are framed amber (allowed); values the engine refuses are framed
// red and reported by problem(), which blocks Train.
#pragma once

#include "engine/train/train_config.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace lstmlab::ui {

class HyperparameterForm : public QWidget {
    Q_OBJECT
public:
    explicit HyperparameterForm(QWidget* parent = nullptr);

    void writeTo(TrainConfig& config) const;
    void readFrom(const TrainConfig& config);
    TrainConfig config() const;
    // Empty when every value is usable; else the first reason.
    QString problem() const;

    QSpinBox* epochsBox() const { return m_epochs; }

signals:
    void changed();

private:
    void updateHints();

    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_learningRate;
    QDoubleSpinBox* m_weightDecay;
    QComboBox* m_loss;
    QDoubleSpinBox* m_clip;
    QSpinBox* m_patience;
    QSpinBox* m_seed;
    QLabel* m_epochsHint;
    QLabel* m_batchHint;
    QLabel* m_learningRateHint;
    QString m_problem;
};

} // namespace lstmlab::ui

// DataSettingsForm: the pipeline choices that are not per column -- sequence length T, horizon H,
// the chronological split (train and validation sliders, test = the rest), the scaler and the
// missing-value policy -- with the tutorial's ranges as hints (amber outside, see hints.h).
#pragma once

#include "engine/data/pipeline.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace lstmlab::ui {

class DataSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit DataSettingsForm(QWidget* parent = nullptr);

    // Fills the non-column fields of `config`.
    void writeTo(PipelineConfig& config) const;
    void readFrom(const PipelineConfig& config);

signals:
    void changed();

private:
    void updateHints();

    QSpinBox* m_sequenceLength;
    QSpinBox* m_horizon;
    QSlider* m_train;
    QSlider* m_validation;
    QLabel* m_splitLabel;
    QComboBox* m_scaler;
    QComboBox* m_missing;
    QLabel* m_hint;
};

} // namespace lstmlab::ui

// ModelView: the second step. The tutorial's presets as one-click buttons, then cell, per-layer
// sizes, dropout (disabled with one layer, saying why), bidirectional (with the no-look-ahead note
// of DESIGN.md "Evaluation") and attention; a live summary table and a diagram of the network that
// update on every edit. The input width and outputs come from the Data step (setShape).
#pragma once

#include "engine/nn/model_spec.h"

#include <QWidget>

#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QPushButton;
class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace lstmlab::ui {

class LayersEditor;
class NetworkDiagram;
class SummaryTable;

class ModelView : public QWidget {
    Q_OBJECT
public:
    explicit ModelView(QWidget* parent = nullptr);

    // Features F, outputs (= horizon), sequence length T and horizon H of the current data settings.
    void setShape(int features, int outputs, int sequenceLength, int horizon);
    void applyPreset(const QString& name);
    void setSpec(const ModelSpec& spec);
    ModelSpec spec() const;
    // Empty when the spec is valid; else the engine's sentence.
    QString problem() const { return m_problem; }
    // "5,665 parameters" or the problem.
    QString parameterText() const { return m_parameterText; }
    // The preset the settings equal exactly (its button is shown checked), else empty.
    QString activePreset() const;

    SummaryTable* summaryTable() const { return m_summary; }
    NetworkDiagram* diagram() const { return m_diagram; }

signals:
    void specChanged();

private:
    void refresh();
    void updateLeakageNote();

    int m_features = 1;
    int m_outputs = 1;
    int m_sequenceLength = 20;
    int m_horizon = 1;
    bool m_updating = false;
    std::vector<std::pair<std::string, QPushButton*>> m_presets;
    QString m_problem;
    QString m_parameterText;
    QComboBox* m_cell;
    LayersEditor* m_layers;
    QDoubleSpinBox* m_dropout;
    QLabel* m_dropoutNote;
    QCheckBox* m_bidirectional;
    QLabel* m_leakageNote;
    QCheckBox* m_attention;
    QLabel* m_problemLabel;
    SummaryTable* m_summary;
    NetworkDiagram* m_diagram;
};

} // namespace lstmlab::ui

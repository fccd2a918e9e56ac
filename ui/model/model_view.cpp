#include "ui/model/model_view.h"

#include "engine/core/error.h"
#include "engine/nn/summary.h"
#include "ui/common/hints.h"
#include "ui/common/setting_box.h"
#include "ui/common/setting_words.h"
#include "ui/model/layers_editor.h"
#include "ui/model/network_diagram.h"
#include "ui/model/summary_table.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace lstmlab::ui {
namespace {

QLabel* noteLabel(const QString& style)
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet(style);
    return label;
}

} // namespace

ModelView::ModelView(QWidget* parent) : QWidget(parent)
{
    auto* presets = new QHBoxLayout;
    presets->addWidget(new QLabel(tr("Presets:")));
    const QStringList tips = {tr("LSTM [32]"), tr("LSTM [64, 32], dropout 0.2"), tr("bidirectional LSTM [32]"),
                              tr("LSTM [32, 32] + attention, dropout 0.2"), tr("GRU [64, 64], dropout 0.2")};
    int k = 0;
    for (const std::string& name : preset_names()) {
        auto* button = new QPushButton(QString::fromStdString(name));
        button->setObjectName(QStringLiteral("preset_") + QString::fromStdString(name));
        button->setCheckable(true);   // checked while the settings are exactly this preset's
        m_presets.emplace_back(name, button);
        button->setToolTip(tips.value(k++));
        connect(button, &QPushButton::clicked, this, [this, name] { applyPreset(QString::fromStdString(name)); });
        presets->addWidget(button);
    }
    presets->addStretch(1);

    m_cell = new QComboBox;
    m_cell->addItems({QStringLiteral("LSTM"), QStringLiteral("GRU")});
    m_layers = new LayersEditor;
    m_dropout = new QDoubleSpinBox;
    m_dropout->setDecimals(2);
    m_dropout->setSingleStep(0.05);
    setUpSettingBox(m_dropout, "dropout");
    m_dropoutNote = noteLabel(QStringLiteral("color: palette(placeholder-text);"));
    m_bidirectional = new QCheckBox(tr("Bidirectional (both directions, outputs concatenated)"));
    m_leakageNote = noteLabel(QStringLiteral("background: #e8f1fa; border: 1px solid #9dbbd8; padding: 6px;"));
    m_attention = new QCheckBox(tr("Attention (Bahdanau, over the top layer's outputs, queried by the last step)"));
    m_problemLabel = noteLabel(QStringLiteral("color: #b03030; font-weight: bold;"));

    auto* form = new QFormLayout;
    form->addRow(settingLabel("cell"), m_cell);
    form->addRow(settingLabel("hidden"), m_layers);
    form->addRow(settingLabel("dropout"), m_dropout);
    form->addRow(QString(), m_dropoutNote);
    form->addRow(m_bidirectional);
    form->addRow(m_leakageNote);
    form->addRow(m_attention);
    form->addRow(m_problemLabel);
    form->addRow(makeHintLegendLabel());
    auto* editor = new QGroupBox(tr("Architecture"));
    editor->setLayout(form);

    m_summary = new SummaryTable;
    auto* summaryBox = new QGroupBox(tr("Summary (batch of B windows)"));
    (new QVBoxLayout(summaryBox))->addWidget(m_summary);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(editor);
    leftLayout->addWidget(summaryBox, 1);

    m_diagram = new NetworkDiagram;
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_diagram);
    scroll->setWidgetResizable(true);
    auto* diagramBox = new QGroupBox(tr("Network (data flows top to bottom)"));
    (new QVBoxLayout(diagramBox))->addWidget(scroll);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(diagramBox);
    split->setSizes({800, 500});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(presets);
    layout->addWidget(split, 1);

    connect(m_cell, &QComboBox::currentIndexChanged, this, &ModelView::refresh);
    connect(m_layers, &LayersEditor::changed, this, &ModelView::refresh);
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this, &ModelView::refresh);
    connect(m_bidirectional, &QCheckBox::toggled, this, &ModelView::refresh);
    connect(m_attention, &QCheckBox::toggled, this, &ModelView::refresh);
    applyPreset(QStringLiteral("attention"));   // the tutorial's showcase: the heatmap has something to show
}

void ModelView::setShape(int features, int outputs, int sequenceLength, int horizon)
{
    if (features == m_features && outputs == m_outputs && sequenceLength == m_sequenceLength && horizon == m_horizon)
        return;
    m_features = std::max(1, features);
    m_outputs = std::max(1, outputs);
    m_sequenceLength = std::max(1, sequenceLength);
    m_horizon = std::max(1, horizon);
    refresh();
}

void ModelView::applyPreset(const QString& name) { setSpec(preset(name.toStdString(), m_features, m_outputs)); }

QString ModelView::activePreset() const
{
    for (const auto& [name, button] : m_presets)
        if (button->isChecked())
            return QString::fromStdString(name);
    return {};
}

void ModelView::setSpec(const ModelSpec& spec)
{
    m_updating = true;
    m_cell->setCurrentIndex(spec.cell == CellType::gru ? 1 : 0);
    m_layers->setSizes(spec.hidden);
    m_dropout->setValue(spec.dropout);
    m_bidirectional->setChecked(spec.bidirectional);
    m_attention->setChecked(spec.attention);
    m_updating = false;
    refresh();
}

ModelSpec ModelView::spec() const
{
    ModelSpec spec;
    spec.cell = m_cell->currentIndex() == 1 ? CellType::gru : CellType::lstm;
    spec.hidden = m_layers->sizes();
    spec.dropout = spec.hidden.size() > 1 ? m_dropout->value() : 0.0;
    spec.bidirectional = m_bidirectional->isChecked();
    spec.attention = m_attention->isChecked();
    spec.features = m_features;
    spec.outputs = m_outputs;
    return spec;
}

void ModelView::refresh()
{
    if (m_updating)
        return;
    const int layers = int(m_layers->sizes().size());
    // One layer: inter-layer dropout has nothing to act on, so the control is off, not ignored.
    m_dropout->setEnabled(layers > 1);
    const Hint dropoutHint = hintFor(Setting::Dropout, layers > 1 ? m_dropout->value() : 0.0, layers);
    m_dropout->setStyleSheet(hintStyle(dropoutHint.level));
    m_dropoutNote->setText(layers > 1 ? dropoutHint.text
                                      : tr("Dropout acts between recurrent layers: add a second layer to use it."));
    updateLeakageNote();
    const ModelSpec current = spec();
    try {
        const ModelSummary summary = summarize(current, m_sequenceLength);
        m_problem.clear();
        m_summary->setSummary(summary);
        m_diagram->setSummary(summary);
        m_parameterText = tr("%1 parameters").arg(QString::fromStdString(group_thousands(summary.total_parameters)));
    } catch (const Error& e) {
        m_problem = errorText(e);
        m_summary->setProblem(m_problem);
        m_diagram->clear();
        m_parameterText = m_problem;
    }
    m_problemLabel->setText(m_problem);
    m_problemLabel->setVisible(!m_problem.isEmpty());
    for (const auto& [name, button] : m_presets)
        button->setChecked(preset(name, m_features, m_outputs) == current);
    emit specChanged();
}

void ModelView::updateLeakageNote()
{
    m_leakageNote->setVisible(m_bidirectional->isChecked());
    const QString targets = m_horizon == 1 ? tr("the target is row t+1") : tr("the targets are rows t+1 … t+%1").arg(m_horizon);
    m_leakageNote->setText(
        tr("<b>No look-ahead here.</b> Every window ends at its time t and reads rows t−%1 … t; %2, after "
           "the window. The backward direction therefore only reads the past window, exactly the data "
           "available when the forecast is made.<br>A bidirectional layer <i>would</i> leak if the target lay "
           "inside the window — sequence labelling or smoothing, where the label of step k is predicted from "
           "steps after k.")
            .arg(m_sequenceLength - 1)
            .arg(targets));
}

} // namespace lstmlab::ui

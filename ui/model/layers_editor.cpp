#include "ui/model/layers_editor.h"

#include "ui/common/hints.h"
#include "ui/common/setting_box.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lstmlab::ui {

LayersEditor::LayersEditor(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(2);
    layout->addLayout(m_rows);
    m_add = new QPushButton(tr("Add layer"));
    m_hint = new QLabel;
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_add);
    addRow->addWidget(m_hint, 1);
    layout->addLayout(addRow);
    connect(m_add, &QPushButton::clicked, this, [this] {
        std::vector<int> now = sizes();
        now.push_back(now.empty() ? 64 : now.back());
        rebuild(now);
        emit changed();
    });
}

void LayersEditor::setSizes(const std::vector<int>& sizes)
{
    if (sizes != this->sizes())
        rebuild(sizes);
}

std::vector<int> LayersEditor::sizes() const
{
    std::vector<int> out;
    for (QSpinBox* spin : m_spins)
        out.push_back(spin->value());
    return out;
}

void LayersEditor::removeLayer(int index)
{
    std::vector<int> now = sizes();
    now.erase(now.begin() + index);
    rebuild(now);
    emit changed();
}

void LayersEditor::rebuild(const std::vector<int>& sizes)
{
    // deleteLater: rebuild() may run inside the clicked() of a row's own Remove button.
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        item->widget()->hide();
        item->widget()->deleteLater();
        delete item;
    }
    m_spins.clear();
    for (std::size_t k = 0; k < sizes.size(); ++k) {
        auto* row = new QWidget;
        auto* line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        auto* spin = new QSpinBox;
        setUpSettingBox(spin, "hidden");
        spin->setValue(sizes[k]);
        spin->setSuffix(tr(" units"));
        const Hint hint = hintFor(Setting::HiddenSize, sizes[k]);
        spin->setStyleSheet(hintStyle(hint.level));
        spin->setToolTip(hint.text);
        auto* remove = new QPushButton(tr("Remove"));
        remove->setEnabled(sizes.size() > 1);
        // Numbered from 0 like the summary's blocks and the checkpoint's tensors (lstm.0, gru.1).
        auto* name = new QLabel(k == 0 ? tr("layer %1 (bottom)").arg(k) : tr("layer %1").arg(k));
        name->setMinimumWidth(name->fontMetrics().horizontalAdvance(tr("layer 7 (bottom)")) + 6);
        line->addWidget(name);
        line->addWidget(spin, 1);
        line->addWidget(remove);
        m_rows->addWidget(row);
        m_spins.push_back(spin);
        connect(spin, &QSpinBox::valueChanged, this, [this, spin](int value) {
            const Hint h = hintFor(Setting::HiddenSize, value);
            spin->setStyleSheet(hintStyle(h.level));
            spin->setToolTip(h.text);
            emit changed();
        });
        connect(remove, &QPushButton::clicked, this, [this, k] { removeLayer(int(k)); });
    }
    m_add->setEnabled(int(sizes.size()) < maxLayers);
    const Hint layers = hintFor(Setting::Layers, double(sizes.size()));
    m_hint->setText(layers.level == HintLevel::Ok ? tr("layers: %1").arg(layers.text) : layers.text);
    m_hint->setStyleSheet(layers.level == HintLevel::Ok ? QStringLiteral("color: palette(placeholder-text);")
                                                        : QStringLiteral("color: #9a6a00;"));
}

} // namespace lstmlab::ui

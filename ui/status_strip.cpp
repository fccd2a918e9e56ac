#include "ui/status_strip.h"

#include <QLabel>

namespace lstmlab::ui {
namespace {

QLabel* section(const QString& text)
{
    auto* label = new QLabel(text);
    label->setContentsMargins(8, 0, 8, 0);
    return label;
}

} // namespace

StatusStrip::StatusStrip(QWidget* parent) : QStatusBar(parent)
{
    m_data = section(tr("No data"));
    m_model = section(tr("No model"));
    m_training = section(tr("Not trained"));
    addWidget(m_data, 2);
    addWidget(m_model, 1);
    addPermanentWidget(m_training, 1);
}

void StatusStrip::setData(const QString& text) { m_data->setText(text); }
void StatusStrip::setModel(const QString& text) { m_model->setText(text); }
void StatusStrip::setTraining(const QString& text) { m_training->setText(text); }
QString StatusStrip::trainingText() const { return m_training->text(); }

} // namespace lstmlab::ui

#include "ui/status_strip.h"

#include <QLabel>
#include <QTimer>

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
    m_message = section(QString());
    m_message->setObjectName(QStringLiteral("notice"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_data = section(tr("No data"));
    m_model = section(tr("No model"));
    m_training = section(tr("Not trained"));
    addWidget(m_message, 3);
    addPermanentWidget(m_data, 2);
    addPermanentWidget(m_model, 1);
    addPermanentWidget(m_training, 1);
    m_clear = new QTimer(this);
    m_clear->setSingleShot(true);
    m_clear->setInterval(successMs);
    connect(m_clear, &QTimer::timeout, this, [this] { display(Notice::None, QString()); });
}

void StatusStrip::setData(const QString& text) { m_data->setText(text); }
void StatusStrip::setModel(const QString& text) { m_model->setText(text); }
void StatusStrip::setTraining(const QString& text) { m_training->setText(text); }
QString StatusStrip::trainingText() const { return m_training->text(); }
QString StatusStrip::dataText() const { return m_data->text(); }
QString StatusStrip::noticeText() const { return m_message->text(); }

void StatusStrip::begin(const QString& text) { display(Notice::Busy, text); }

void StatusStrip::succeed(const QString& text)
{
    display(Notice::Success, text);
    m_clear->start();
    emit succeeded(text);
}

void StatusStrip::fail(const QString& text) { display(Notice::Failure, text); }

void StatusStrip::endBusy()
{
    if (m_notice == Notice::Busy)
        display(Notice::None, QString());
}

void StatusStrip::display(Notice notice, const QString& text)
{
    if (notice != Notice::Success)
        m_clear->stop();
    m_notice = notice;
    m_message->setText(text);
    m_message->setToolTip(text);
    m_message->setStyleSheet(notice == Notice::Failure   ? QStringLiteral("color: #b03030; font-weight: bold;")
                             : notice == Notice::Success ? QStringLiteral("color: #1b7a3a;")
                                                         : QString());
}

} // namespace lstmlab::ui

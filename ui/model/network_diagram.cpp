#include "ui/model/network_diagram.h"

#include <QPainter>
#include <QPainterPath>

namespace lstmlab::ui {
namespace {

constexpr int boxHeight = 46;
constexpr int arrowHeight = 18;
constexpr int margin = 8;

QColor colourFor(const std::string& name)
{
    if (name.rfind("lstm", 0) == 0 || name.rfind("bilstm", 0) == 0 || name.rfind("gru", 0) == 0)
        return QColor(0x3b, 0x6e, 0xa8);
    if (name.find("dropout") != std::string::npos)
        return QColor(0x80, 0x80, 0x80);
    if (name.find("attention") != std::string::npos)
        return QColor(0x7b, 0x4f, 0xa6);
    if (name == "fc")
        return QColor(0xd0, 0x7a, 0x1e);
    return QColor(0x2f, 0x8f, 0x83);
}

} // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent) {}

void NetworkDiagram::setSummary(const ModelSummary& summary)
{
    m_boxes.clear();
    m_boxes.push_back({tr("input"), tr("T steps x F features"), QString::fromStdString(summary.input_shape),
                       QColor(0x55, 0x60, 0x6e)});
    for (const SummaryBlock& block : summary.blocks)
        m_boxes.push_back({QString::fromStdString(block.name), QString::fromStdString(block.kind),
                           QString::fromStdString(block.output_shape), colourFor(block.name)});
    updateGeometry();
    update();
}

void NetworkDiagram::clear()
{
    m_boxes.clear();
    update();
}

QSize NetworkDiagram::sizeHint() const
{
    const int n = int(m_boxes.size());
    return QSize(300, 2 * margin + n * boxHeight + std::max(0, n - 1) * arrowHeight);
}

QSize NetworkDiagram::minimumSizeHint() const { return QSize(220, sizeHint().height()); }

void NetworkDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const int width = std::min(420, this->width() - 2 * margin);
    const int left = (this->width() - width) / 2;
    QFont bold = font();
    bold.setBold(true);
    int y = margin;
    for (std::size_t k = 0; k < m_boxes.size(); ++k) {
        const Box& box = m_boxes[k];
        const QRectF r(left, y, width, boxHeight);
        QColor fill = box.colour;
        fill.setAlpha(40);
        p.setPen(QPen(box.colour, 1.5, box.title.contains(QLatin1String("dropout")) ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(fill);
        p.drawRoundedRect(r, 6, 6);
        p.setPen(palette().text().color());
        p.setFont(bold);
        p.drawText(r.adjusted(8, 3, -8, 0), Qt::AlignLeft | Qt::AlignTop, box.title);
        p.setFont(font());
        p.drawText(r.adjusted(8, 3, -8, 0), Qt::AlignRight | Qt::AlignTop, box.shape);
        p.setPen(palette().placeholderText().color());
        const QString detail = p.fontMetrics().elidedText(box.detail, Qt::ElideRight, int(r.width()) - 16);
        p.drawText(r.adjusted(8, 0, -8, -4), Qt::AlignLeft | Qt::AlignBottom, detail);
        y += boxHeight;
        if (k + 1 < m_boxes.size()) {
            const qreal x = left + width / 2.0;
            p.setPen(QPen(palette().text().color(), 1.5));
            p.drawLine(QPointF(x, y + 2), QPointF(x, y + arrowHeight - 4));
            QPainterPath head;
            head.moveTo(x - 5, y + arrowHeight - 8);
            head.lineTo(x, y + arrowHeight - 2);
            head.lineTo(x + 5, y + arrowHeight - 8);
            p.drawPath(head);
            y += arrowHeight;
        }
    }
}

} // namespace lstmlab::ui

#include "ui/results/attention_heatmap.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace lstmlab::ui {
namespace {

constexpr int leftMargin = 78;    // window date labels
constexpr int bottomMargin = 34;  // lag labels and axis title
constexpr int topMargin = 22;     // title
constexpr int legendWidth = 88;   // colour bar and its numbers

// Nine samples of matplotlib's viridis (0, 1/8, ..., 1), interpolated linearly between them.
constexpr std::array<std::array<int, 3>, 9> viridisStops{{{68, 1, 84},
                                                         {71, 44, 122},
                                                         {59, 81, 139},
                                                         {44, 113, 142},
                                                         {33, 144, 141},
                                                         {39, 173, 129},
                                                         {92, 200, 99},
                                                         {170, 220, 50},
                                                         {253, 231, 37}}};

} // namespace

QColor viridis(double x)
{
    x = std::clamp(std::isfinite(x) ? x : 0.0, 0.0, 1.0) * 8.0;
    const int i = std::min(7, int(x));
    const double f = x - i;
    const auto& a = viridisStops[std::size_t(i)];
    const auto& b = viridisStops[std::size_t(i) + 1];
    return QColor(int(std::lround(a[0] + f * (b[0] - a[0]))), int(std::lround(a[1] + f * (b[1] - a[1]))),
                  int(std::lround(a[2] + f * (b[2] - a[2]))));
}

AttentionHeatmap::AttentionHeatmap(QWidget* parent)
    : QWidget(parent), m_placeholder(tr("No attention weights yet: train a model with attention (Model step) to see them."))
{
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
}

void AttentionHeatmap::setSnapshot(AttentionSnapshotPtr snapshot)
{
    // Another set of windows (other data, split or run layout): the selected row means nothing there.
    if (!snapshot || !m_snapshot || snapshot->endRows != m_snapshot->endRows)
        m_selected = -1;
    m_snapshot = std::move(snapshot);
    m_nearUniform = false;
    if (m_snapshot && m_snapshot->windows > 0 && m_snapshot->steps > 0) {
        const auto [low, high] = std::minmax_element(m_snapshot->weights.begin(), m_snapshot->weights.end());
        m_min = *low;
        m_max = *high;
        const double uniform = uniformWeight();
        m_nearUniform = m_min >= (1 - nearUniformTolerance) * uniform && m_max <= (1 + nearUniformTolerance) * uniform;
    }
    rebuildImage();
}

void AttentionHeatmap::setStretchToData(bool stretch)
{
    m_stretch = stretch;
    rebuildImage();
}

void AttentionHeatmap::rebuildImage()
{
    m_image = QImage();
    if (m_snapshot && m_snapshot->windows > 0 && m_snapshot->steps > 0) {
        // 0 .. max keeps 1/T inside the bar (max >= 1/T since each row sums to 1).
        m_low = m_stretch ? m_min : 0.0;
        m_high = m_max > m_low ? double(m_max) : m_low + 1e-6;
        m_image = QImage(m_snapshot->steps, m_snapshot->windows, QImage::Format_RGB32);
        for (int w = 0; w < m_snapshot->windows; ++w) {
            auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(w));
            for (int k = 0; k < m_snapshot->steps; ++k)
                line[k] = viridis((m_snapshot->weight(w, k) - m_low) / (m_high - m_low)).rgb();
        }
    }
    update();
}

double AttentionHeatmap::uniformWeight() const { return m_snapshot && m_snapshot->steps > 0 ? 1.0 / m_snapshot->steps : 0.0; }

int AttentionHeatmap::uniformMarkerY() const
{
    const double u = uniformWeight();
    if (m_image.isNull() || u < m_low || u > m_high)
        return -1;
    const QRect legend = legendRect();
    return legend.bottom() - int(std::lround((u - m_low) / (m_high - m_low) * (legend.height() - 1)));
}

void AttentionHeatmap::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    update();
}

void AttentionHeatmap::clearSelection()
{
    m_selected = -1;
    update();
}

QPixmap AttentionHeatmap::exportImage()
{
    m_hideSelection = true;
    const QPixmap pixmap = grab();
    m_hideSelection = false;
    return pixmap;
}

void AttentionHeatmap::selectWindow(int window)
{
    if (!m_snapshot || window < 0 || window >= m_snapshot->windows)
        return;
    m_selected = window;
    update();
    emit windowSelected(window);
}

QRect AttentionHeatmap::mapRect() const
{
    return QRect(leftMargin, topMargin, std::max(10, width() - leftMargin - legendWidth - 8),
                 std::max(10, height() - topMargin - bottomMargin));
}

QRect AttentionHeatmap::legendRect() const
{
    const QRect map = mapRect();
    return QRect(map.right() + 12, map.top(), 14, map.height());
}

QPoint AttentionHeatmap::cellAt(const QPoint& position) const
{
    const QRect map = mapRect();
    if (!m_snapshot || !map.contains(position))
        return {-1, -1};
    const int step = std::min(m_snapshot->steps - 1, (position.x() - map.left()) * m_snapshot->steps / map.width());
    const int window = std::min(m_snapshot->windows - 1, (position.y() - map.top()) * m_snapshot->windows / map.height());
    return {step, window};
}

QString AttentionHeatmap::hoverText(const QPoint& position) const
{
    const QPoint cell = cellAt(position);
    if (cell.x() < 0)
        return {};
    const int step = cell.x(), window = cell.y();
    const int lag = m_snapshot->steps - 1 - step;
    return tr("window ending %1 · step %2 (lag %3) · weight %4")
        .arg(m_snapshot->stepLabel(window, m_snapshot->steps - 1), m_snapshot->stepLabel(window, step))
        .arg(lag)
        .arg(double(m_snapshot->weight(window, step)), 0, 'f', 4);
}

void AttentionHeatmap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().text().color());
    if (!m_snapshot || m_image.isNull()) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_placeholder);
        return;
    }
    const QRect map = mapRect();
    QString title = tr("%1 · %2 windows × %3 steps").arg(m_snapshot->title).arg(m_snapshot->windows).arg(m_snapshot->steps);
    if (m_nearUniform)
        title += tr(" · near uniform: every weight within %1 % of 1/T").arg(int(nearUniformTolerance * 100));
    p.drawText(QRect(4, 0, width() - 8, topMargin), Qt::AlignCenter, p.fontMetrics().elidedText(title, Qt::ElideRight, width() - 8));
    p.drawImage(map, m_image);   // no smoothing: one block per weight
    if (m_selected >= 0 && !m_hideSelection) {
        const double rowHeight = double(map.height()) / m_snapshot->windows;
        p.setPen(QPen(Qt::white, 2));
        p.drawRect(QRectF(map.left(), map.top() + m_selected * rowHeight, map.width(), std::max(2.0, rowHeight)));
        p.setPen(palette().text().color());
    }
    // Lags along the bottom: t-(T-1) on the left, t on the right.
    const int T = m_snapshot->steps;
    const int lagStep = std::max(1, T / 6);
    for (int k = T - 1; k >= 0; k -= lagStep) {
        const int x = map.left() + int((k + 0.5) * map.width() / T);
        const int lag = T - 1 - k;
        p.drawText(QRect(x - 30, map.bottom() + 2, 60, 14), Qt::AlignCenter,
                   lag == 0 ? QStringLiteral("t") : QStringLiteral("t−%1").arg(lag));
    }
    p.drawText(QRect(map.left(), map.bottom() + 17, map.width(), 14), Qt::AlignCenter, tr("time step (lag)"));
    // Window end dates along the left, about every 60 pixels.
    const int W = m_snapshot->windows;
    const int labels = std::max(2, map.height() / 60);
    for (int i = 0; i < labels; ++i) {
        const int w = (W - 1) * i / (labels - 1);
        const int y = map.top() + int((w + 0.5) * map.height() / W);
        p.drawText(QRect(0, y - 7, leftMargin - 4, 14), Qt::AlignRight | Qt::AlignVCenter,
                   m_snapshot->stepLabel(w, T - 1));
    }
    // Colour legend: its two ends, and the uniform weight 1/T marked across it.
    const QRect legend = legendRect();
    for (int y = 0; y < legend.height(); ++y)
        p.fillRect(QRect(legend.left(), legend.bottom() - y, legend.width(), 1), viridis(double(y) / legend.height()));
    p.drawRect(legend.adjusted(0, 0, -1, -1));
    const QRect ends(legend.right() + 3, legend.top() - 2, legendWidth - legend.width() - 2, legend.height() + 4);
    p.drawText(ends, Qt::AlignLeft | Qt::AlignTop, QString::number(m_high, 'f', 3));
    p.drawText(ends, Qt::AlignLeft | Qt::AlignBottom, QString::number(m_low, 'f', 3));
    if (const int y = uniformMarkerY(); y >= 0) {
        p.setPen(QPen(Qt::white, 2));
        p.drawLine(legend.left() - 3, y, legend.right() + 1, y);
        p.setPen(palette().text().color());
        const int fh = p.fontMetrics().height();
        const int textY = std::clamp(y - fh / 2, legend.top() + fh, legend.bottom() - 2 * fh);
        p.drawText(QRect(legend.right() + 3, textY, legendWidth, fh), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("1/T %1").arg(uniformWeight(), 0, 'f', 3));
    }
}

void AttentionHeatmap::mouseMoveEvent(QMouseEvent* event)
{
    const QString text = hoverText(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
    emit hovered(text);
}

void AttentionHeatmap::mousePressEvent(QMouseEvent* event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (cell.y() >= 0)
        selectWindow(cell.y());
}

void AttentionHeatmap::leaveEvent(QEvent*)
{
    emit hovered(QString());
}

} // namespace lstmlab::ui

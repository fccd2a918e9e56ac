#include "ui/sweep/sweep_summary_chart.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lstmlab::ui {
namespace {

constexpr int margin = 8;
const QColor bestColour(0x2e, 0x7d, 0x32);
const QColor noiseColour(0xd0, 0x8a, 0x00);
const QColor behindColour(0x5c, 0x7c, 0x9c);

double spread(double std) { return std::isfinite(std) ? std : 0.0; }

// A tick step of 1, 2 or 5 times a power of ten giving at most `ticks` intervals over `span`.
double tickStep(double span, int ticks)
{
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (f * power >= raw)
            return f * power;
    return 10 * power;
}

QString valueText(const ConfigurationSummary& s)
{
    QString text = QString::number(s.validation_mean, 'g', 4);
    if (std::isfinite(s.validation_std))
        text += QStringLiteral(" ± ") + QString::number(s.validation_std, 'g', 2);
    return text + QObject::tr("  (%n seed(s))", nullptr, s.trials);
}

} // namespace

SweepSummaryChart::SweepSummaryChart(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

void SweepSummaryChart::setSummary(std::vector<ConfigurationSummary> summary)
{
    m_summary.clear();
    for (ConfigurationSummary& s : summary)
        if (std::isfinite(s.validation_mean))
            m_summary.push_back(std::move(s));
    updateGeometry();
    update();
}

SweepSummaryChart::Standing SweepSummaryChart::standing(std::size_t k) const
{
    if (k == 0)
        return Standing::Best;
    const ConfigurationSummary& best = m_summary.front();
    const ConfigurationSummary& s = m_summary[k];
    const bool anySpread = std::isfinite(best.validation_std) || std::isfinite(s.validation_std);
    const bool overlaps = s.validation_mean - spread(s.validation_std) <= best.validation_mean + spread(best.validation_std);
    return anySpread && overlaps ? Standing::WithinNoise : Standing::Behind;
}

QSize SweepSummaryChart::sizeHint() const { return {520, 90 + 26 * int(std::max<std::size_t>(3, m_summary.size()))}; }

QSize SweepSummaryChart::minimumSizeHint() const { return {320, 160}; }

void SweepSummaryChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(margin, margin, width() - 2 * margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Validation loss per configuration: mean ± std over seeds, best first"));
    painter.setFont(font());
    if (m_summary.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Finished trials appear here."));
        return;
    }

    // Columns: labels | plot | values. Rows between the title and the axis + legend lines.
    int labelWidth = 0, valueWidth = 0;
    for (const ConfigurationSummary& s : m_summary) {
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(QString::fromStdString(s.label)));
        valueWidth = std::max(valueWidth, fm.horizontalAdvance(valueText(s)));
    }
    labelWidth = std::min(labelWidth + 12, width() * 2 / 5);
    valueWidth += 12;
    const QRect plot(margin + labelWidth, margin + line + 8, std::max(40, width() - 2 * margin - labelWidth - valueWidth),
                     std::max(20, height() - 2 * margin - 3 * line - 16));
    const int rows = int(m_summary.size());
    const double rowHeight = std::clamp(double(plot.height()) / rows, 6.0, 30.0);

    double low = INFINITY, high = -INFINITY;
    for (const ConfigurationSummary& s : m_summary) {
        low = std::min(low, s.validation_mean - spread(s.validation_std));
        high = std::max(high, s.validation_mean + spread(s.validation_std));
    }
    const double pad = high > low ? 0.08 * (high - low) : std::max(1e-12, 0.05 * std::abs(high));
    low -= pad;
    high += pad;
    const auto xOf = [&](double v) { return plot.left() + (v - low) / (high - low) * plot.width(); };

    // Axis: grid lines and tick labels.
    const double step = tickStep(high - low, 4);
    painter.setPen(QColor(0xe0, 0xe0, 0xe0));
    const int axisY = plot.top() + int(rowHeight * rows) + 4;
    for (double t = std::ceil(low / step) * step; t <= high; t += step) {
        const double x = xOf(t);
        painter.setPen(QColor(0xe4, 0xe4, 0xe4));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, axisY));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(x - 50, axisY + 2, 100, line), Qt::AlignHCenter | Qt::AlignTop, QString::number(t, 'g', 4));
    }

    for (int k = 0; k < rows; ++k) {
        const ConfigurationSummary& s = m_summary[std::size_t(k)];
        const double y = plot.top() + rowHeight * (k + 0.5);
        const Standing st = standing(std::size_t(k));
        const QColor colour = st == Standing::Best ? bestColour : st == Standing::WithinNoise ? noiseColour : behindColour;
        painter.setPen(palette().color(QPalette::WindowText));
        const QString label = fm.elidedText(QString::fromStdString(s.label), Qt::ElideRight, labelWidth - 8);
        painter.drawText(QRectF(margin, y - line / 2.0, labelWidth - 8, line), Qt::AlignRight | Qt::AlignVCenter, label);
        const double cap = std::min(6.0, rowHeight / 3);
        painter.setPen(QPen(colour, 2));
        if (std::isfinite(s.validation_std)) {
            const double a = xOf(s.validation_mean - s.validation_std), b = xOf(s.validation_mean + s.validation_std);
            painter.drawLine(QPointF(a, y), QPointF(b, y));
            painter.drawLine(QPointF(a, y - cap), QPointF(a, y + cap));
            painter.drawLine(QPointF(b, y - cap), QPointF(b, y + cap));
        }
        painter.setBrush(colour);
        const double r = std::min(5.0, rowHeight / 3);
        painter.drawEllipse(QPointF(xOf(s.validation_mean), y), r, r);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(plot.right() + 8, y - line / 2.0, valueWidth, line), Qt::AlignLeft | Qt::AlignVCenter, valueText(s));
    }

    // Legend: what the colours mean.
    int x = margin;
    const int legendY = height() - margin - line;
    for (const auto& [colour, text] : {std::pair{bestColour, tr("best")}, std::pair{noiseColour, tr("within seed noise of the best")},
                                       std::pair{behindColour, tr("behind")}}) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(QPointF(x + 5, legendY + line / 2.0), 4.5, 4.5);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPoint(x + 14, legendY + fm.ascent()), text);
        x += 14 + fm.horizontalAdvance(text) + 18;
    }
}

} // namespace lstmlab::ui

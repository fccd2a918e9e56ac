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
const QColor unknownColour(0xa0, 0xa0, 0xa0);

double spread(double std) { return std::isfinite(std) ? std : 0.0; }

// A tick step of 1, 2, 2.5 or 5 times a power of ten giving at most `ticks` intervals over `span`.
double tickStep(double span, int ticks)
{
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * power >= raw)
            return f * power;
    return 10 * power;
}

// Decimals that show every tick of `step` exactly: 0.25 needs 2, 0.2 needs 1, 20 needs 0.
int tickDecimals(double step)
{
    const double exponent = std::floor(std::log10(step) + 1e-9);
    const double mantissa = step / std::pow(10.0, exponent);   // 1, 2, 2.5 or 5
    return std::max(0, int(-exponent) + (std::abs(mantissa - 2.5) < 1e-6 ? 1 : 0));
}

QString valueText(const ConfigurationSummary& s)
{
    QString text = QString::number(s.validation_mean, 'g', 4);
    if (std::isfinite(s.validation_std))
        text += QStringLiteral(" ± ") + QString::number(s.validation_std, 'g', 2);
    return text + (s.trials == 1 ? QObject::tr("  (one seed)") : QObject::tr("  (%1 seeds)").arg(s.trials));
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
    if (!anySpread)
        return Standing::NoNoiseEstimate;   // one seed each: a lower loss may be luck
    const bool overlaps = s.validation_mean - spread(s.validation_std) <= best.validation_mean + spread(best.validation_std);
    return overlaps ? Standing::WithinNoise : Standing::Behind;
}

std::vector<std::pair<QColor, QString>> SweepSummaryChart::legend() const
{
    bool shown[4] = {!m_summary.empty(), false, false, false};
    for (std::size_t k = 1; k < m_summary.size(); ++k)
        shown[int(standing(k))] = true;
    std::vector<std::pair<QColor, QString>> entries;
    if (shown[int(Standing::Best)])
        entries.emplace_back(bestColour, shown[int(Standing::NoNoiseEstimate)] ? tr("lowest") : tr("best"));
    if (shown[int(Standing::WithinNoise)])
        entries.emplace_back(noiseColour, tr("within seed noise of the best"));
    if (shown[int(Standing::Behind)])
        entries.emplace_back(behindColour, tr("behind"));
    if (shown[int(Standing::NoNoiseEstimate)])
        entries.emplace_back(unknownColour, tr("one seed: no noise estimate"));
    return entries;
}

QStringList SweepSummaryChart::legendTexts() const
{
    QStringList texts;
    for (const auto& entry : legend())
        texts << entry.second;
    return texts;
}

QSize SweepSummaryChart::sizeHint() const { return {480, 100 + 40 * int(std::max<std::size_t>(3, m_summary.size()))}; }

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
    const QString title = tr("Validation loss: mean ± std over seeds, best first");
    painter.drawText(QRect(margin, margin, width() - 2 * margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(title, Qt::ElideRight, width() - 2 * margin));
    painter.setFont(font());
    if (m_summary.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Finished trials appear here."));
        return;
    }

    // Rows under the title, the axis under the rows, the legend at the bottom. A row is the label
    // above its whisker when there is room for two lines, else one line with the label on the left.
    const int rows = int(m_summary.size());
    const int top = margin + line + 10;
    const double room = double(height() - margin - 2 * line - 10 - top) / rows;
    const bool twoLines = room >= 2 * line + 6;
    const double rowHeight = std::max(6.0, std::min(room, twoLines ? 2.0 * line + 14 : 30.0));
    const int axisY = top + int(std::ceil(rowHeight * rows)) + 4;
    int labelWidth = 0, valueWidth = 0;
    for (const ConfigurationSummary& s : m_summary) {
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(QString::fromStdString(s.label)));
        valueWidth = std::max(valueWidth, fm.horizontalAdvance(valueText(s)));
    }
    labelWidth = twoLines ? 0 : std::min(labelWidth + 12, width() * 2 / 5);
    valueWidth += 12;
    const QRectF plot(margin + labelWidth + 8, top, std::max(40, width() - 2 * margin - labelWidth - valueWidth - 16), axisY - top);

    double low = INFINITY, high = -INFINITY;
    for (const ConfigurationSummary& s : m_summary) {
        low = std::min(low, s.validation_mean - spread(s.validation_std));
        high = std::max(high, s.validation_mean + spread(s.validation_std));
    }
    const double pad = high > low ? 0.08 * (high - low) : std::max(1e-12, 0.05 * std::abs(high));
    low -= pad;
    high += pad;
    const auto xOf = [&](double v) { return plot.left() + (v - low) / (high - low) * plot.width(); };

    // Axis: grid lines and tick labels with the decimals the step needs.
    const double step = tickStep(high - low, std::clamp(int(plot.width()) / 70, 3, 6));
    const int decimals = tickDecimals(step);
    for (double t = std::ceil(low / step) * step; t <= high; t += step) {
        const double x = xOf(t);
        painter.setPen(QColor(0xe4, 0xe4, 0xe4));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, axisY));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(x - 50, axisY + 2, 100, line), Qt::AlignHCenter | Qt::AlignTop, QString::number(t, 'f', decimals));
    }

    for (int k = 0; k < rows; ++k) {
        const ConfigurationSummary& s = m_summary[std::size_t(k)];
        const double rowTop = plot.top() + rowHeight * k;
        const double y = twoLines ? rowTop + line + (rowHeight - line) / 2 : rowTop + rowHeight / 2;
        const Standing st = standing(std::size_t(k));
        const QColor colour = st == Standing::Best          ? bestColour
                              : st == Standing::WithinNoise ? noiseColour
                              : st == Standing::Behind      ? behindColour
                                                            : unknownColour;
        painter.setPen(palette().color(QPalette::WindowText));
        const QString label = QString::fromStdString(s.label);
        if (twoLines)
            painter.drawText(QRectF(margin, rowTop + 2, width() - 2 * margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                             fm.elidedText(label, Qt::ElideRight, width() - 2 * margin));
        else
            painter.drawText(QRectF(margin, y - line / 2.0, labelWidth - 8, line), Qt::AlignRight | Qt::AlignVCenter,
                             fm.elidedText(label, Qt::ElideRight, labelWidth - 8));
        const double cap = std::min(6.0, rowHeight / 4);
        painter.setPen(QPen(colour, 2));
        if (std::isfinite(s.validation_std)) {
            const double a = xOf(s.validation_mean - s.validation_std), b = xOf(s.validation_mean + s.validation_std);
            painter.drawLine(QPointF(a, y), QPointF(b, y));
            painter.drawLine(QPointF(a, y - cap), QPointF(a, y + cap));
            painter.drawLine(QPointF(b, y - cap), QPointF(b, y + cap));
        }
        painter.setBrush(colour);
        const double r = std::min(5.0, rowHeight / 4);
        painter.drawEllipse(QPointF(xOf(s.validation_mean), y), r, r);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(plot.right() + 12, y - line / 2.0, valueWidth, line), Qt::AlignLeft | Qt::AlignVCenter, valueText(s));
    }

    // Legend: what the colours mean.
    int x = margin;
    const int legendY = height() - margin - line;
    for (const auto& [colour, text] : legend()) {
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

// AttentionHeatmap: attention weights of W windows over their T steps, painted from a QImage
// (one pixel per weight, scaled without smoothing) with a viridis colour scale and its legend.
// Rows are windows in time order (top = oldest), columns are steps (left = oldest, right = the
// window's last step t, lag 0). Hovering shows the window's date, the step's date, its lag and the
// weight; clicking a row selects that window (windowSelected), which the bar chart then shows.
//
// Colour scale: 0 .. the largest weight by default, so near-uniform attention (every weight close to
// 1/T) reads as one flat colour rather than as structure; stretching to the weights' min..max is an
// option. The colour bar marks the uniform weight 1/T, and a note says "near uniform" when every
// weight is within 20 % of 1/T. A selection belongs to one set of windows: a snapshot of other
// windows (another run's data or split) drops it, and exported images never show it.
#pragma once

#include "ui/common/snapshots.h"

#include <QImage>
#include <QWidget>

namespace lstmlab::ui {

// Viridis-like colour for x in [0, 1] (clamped): dark purple -> blue -> green -> yellow.
QColor viridis(double x);

class AttentionHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit AttentionHeatmap(QWidget* parent = nullptr);

    static constexpr double nearUniformTolerance = 0.2;   // of 1/T

    void setSnapshot(AttentionSnapshotPtr snapshot);
    // false (default): colours span 0 .. max weight; true: the weights' min .. max.
    void setStretchToData(bool stretch);
    bool stretchToData() const { return m_stretch; }
    void clearSelection();
    // What the empty map says (it depends on whether the model has attention).
    void setPlaceholder(const QString& text);
    QString placeholder() const { return m_placeholder; }
    // The colour bar's ends, the uniform weight 1/T it marks, and whether the weights are near it.
    double colourLow() const { return m_low; }
    double colourHigh() const { return m_high; }
    double uniformWeight() const;
    bool isNearUniform() const { return m_nearUniform; }
    // The colour bar's rectangle, and the y of the 1/T mark on it (-1 when outside the bar's range).
    QRect colourBarRect() const { return legendRect(); }
    int uniformMarkerY() const;
    // The picture as exported: the same, without the selection outline.
    QPixmap exportImage();
    AttentionSnapshotPtr snapshot() const { return m_snapshot; }
    const QImage& image() const { return m_image; }
    int selectedWindow() const { return m_selected; }
    void selectWindow(int window);

    // The cell under a widget position: window and step, or -1s outside the map.
    QPoint cellAt(const QPoint& position) const;
    // "window ending 2003-05-02 · step 2003-04-17 (lag 11) · weight 0.0412"; empty outside the map.
    QString hoverText(const QPoint& position) const;

    QSize sizeHint() const override { return {420, 320}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

signals:
    void windowSelected(int window);
    void hovered(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QRect mapRect() const;
    QRect legendRect() const;
    void rebuildImage();

    AttentionSnapshotPtr m_snapshot;
    QImage m_image;          // (T x W) pixels
    double m_low = 0;
    double m_high = 1;
    float m_min = 0;
    float m_max = 0;
    QString m_placeholder;
    bool m_stretch = false;
    bool m_nearUniform = false;
    bool m_hideSelection = false;
    int m_selected = -1;
};

} // namespace lstmlab::ui

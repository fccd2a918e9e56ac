// AttentionHeatmap: attention weights of W windows over their T steps, painted from a QImage
// (one pixel per weight, scaled without smoothing) with a viridis colour scale and its legend.
// Rows are windows in time order (top = oldest), columns are steps (left = oldest, right = the
// window's last step t, lag 0). Hovering shows the window's date, the step's date, its lag and the
// weight; clicking a row selects that window (windowSelected), which the bar chart then shows.
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

    void setSnapshot(AttentionSnapshotPtr snapshot);
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

    AttentionSnapshotPtr m_snapshot;
    QImage m_image;          // (T x W) pixels
    float m_low = 0;
    float m_high = 1;
    int m_selected = -1;
};

} // namespace lstmlab::ui

// NetworkDiagram: the assembled network drawn top to bottom as the data flows -- the input, each
// block with its type and output shape, arrows between -- like the tutorial's data-flow figures.
// It paints the engine's ModelSummary, so the picture and the summary table can never disagree.
#pragma once

#include "engine/nn/summary.h"

#include <QWidget>

namespace lstmlab::ui {

class NetworkDiagram : public QWidget {
    Q_OBJECT
public:
    explicit NetworkDiagram(QWidget* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void clear();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Box {
        QString title;   // "lstm.0"
        QString detail;  // "LSTM 5 -> 32"
        QString shape;   // "(B, 20, 32)"
        QColor colour;
    };
    std::vector<Box> m_boxes;
};

} // namespace lstmlab::ui

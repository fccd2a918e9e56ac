// LayersEditor: the per-layer hidden sizes, bottom to top, one spin box per layer with a remove
// button, and "Add layer". Sizes outside the tutorial's 32-512 are framed amber, and more than
// four layers is flagged beside the button (hints.h).
#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace lstmlab::ui {

class LayersEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxLayers = 8;   // ModelSpec::validate's limit

    explicit LayersEditor(QWidget* parent = nullptr);

    void setSizes(const std::vector<int>& sizes);
    std::vector<int> sizes() const;

signals:
    void changed();

private:
    void addLayer(int size);
    void removeLayer(int index);
    void rebuild(const std::vector<int>& sizes);

    QVBoxLayout* m_rows;
    QPushButton* m_add;
    QLabel* m_hint;   // the layer count against the tutorial's 1-4
    std::vector<QSpinBox*> m_spins;
};

} // namespace lstmlab::ui

// StatusStrip: the always-visible state line at the bottom of the window -- data file and rows,
// model parameters, training status -- one label each, updated by MainWindow.
#pragma once

#include <QStatusBar>

class QLabel;

namespace lstmlab::ui {

class StatusStrip : public QStatusBar {
    Q_OBJECT
public:
    explicit StatusStrip(QWidget* parent = nullptr);

    void setData(const QString& text);
    void setModel(const QString& text);
    void setTraining(const QString& text);

    QString trainingText() const;

private:
    QLabel* m_data;
    QLabel* m_model;
    QLabel* m_training;
};

} // namespace lstmlab::ui

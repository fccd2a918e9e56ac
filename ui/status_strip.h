// StatusStrip: the always-visible state line at the bottom of the window -- data file and rows,
// model parameters, training status -- one label each, updated by MainWindow; and the one
// notification line every action reports through:
//   begin(text)    an action started ("Saving checkpoint…"); stays until the action ends
//   succeed(text)  it worked ("Checkpoint saved: …"); shown for successMs, then cleared
//   fail(text)     it failed (red); stays until the next begin or success replaces it
// QStatusBar's own temporary message is not used: it hides behind the permanent sections.
#pragma once

#include <QStatusBar>

class QLabel;
class QTimer;

namespace lstmlab::ui {

class StatusStrip : public QStatusBar {
    Q_OBJECT
public:
    enum class Notice { None, Busy, Success, Failure };
    Q_ENUM(Notice)
    static constexpr int successMs = 6000;

    explicit StatusStrip(QWidget* parent = nullptr);

    void setData(const QString& text);
    void setModel(const QString& text);
    void setTraining(const QString& text);

    void begin(const QString& text);
    void succeed(const QString& text);
    void fail(const QString& text);
    // Clears a Busy notice (an action that ended without a message of its own).
    void endBusy();

    QString trainingText() const;
    QString dataText() const;
    QString noticeText() const;
    Notice notice() const { return m_notice; }

signals:
    void succeeded(const QString& text);

private:
    void display(Notice notice, const QString& text);

    QLabel* m_data;
    QLabel* m_model;
    QLabel* m_training;
    QLabel* m_message;
    QTimer* m_clear;
    Notice m_notice = Notice::None;
};

} // namespace lstmlab::ui

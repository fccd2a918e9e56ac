// TrainView: the third step. Hyperparameters with hints, Train / Pause / Resume / Stop, "train more",
// a progress bar (epoch, batch, samples/s, ETA), the live loss chart (log-scale toggle, best epoch
// marked) and the live attention heatmap of the fixed validation windows.
// It only shows and asks: MainWindow turns its signals into controller requests.
#pragma once

#include "ui/common/snapshots.h"
#include "ui/controller/training_controller.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lstmlab::ui {

class AttentionHeatmap;
class HyperparameterForm;
class LossChart;

class TrainView : public QWidget {
    Q_OBJECT
public:
    explicit TrainView(QWidget* parent = nullptr);

    HyperparameterForm* form() const { return m_form; }
    LossChart* lossChart() const { return m_loss; }
    AttentionHeatmap* heatmap() const { return m_heatmap; }
    QPushButton* trainButton() const { return m_train; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* moreButton() const { return m_more; }
    QProgressBar* progressBar() const { return m_progress; }

    // Why Train cannot start (missing data, invalid model or settings); empty enables it.
    void setBlockedReason(const QString& reason);
    void setControllerState(TrainingController::State state, bool hasSession);
    void showRunStarted(int epochs);
    void showProgress(const ProgressSnapshotPtr& snapshot);
    void showHistory(const EpochSnapshotPtr& snapshot);
    // The bar's last words: how the run ended ("Early-stopped · 13 epochs · best 3"); full when the
    // run reached its end (finished or early-stopped), left where it was when stopped or diverged.
    void showRunFinished(const QString& outcome, bool reachedEnd);
    void showStatus(const QString& text, bool error = false);
    // Removes an error shown by showStatus (the next successful action clears it).
    void clearError();
    // Says that the loss chart and heatmap belong to the previous file; empty hides it.
    void setStaleNote(const QString& note);
    QString statusText() const;
    QString staleNote() const;

signals:
    void trainRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    void continueRequested(int extraEpochs);

private:
    void updateButtons();

    HyperparameterForm* m_form;
    QPushButton* m_train;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_stop;
    QPushButton* m_more;
    QSpinBox* m_moreEpochs;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_blocked;
    QLabel* m_stale;
    bool m_statusIsError = false;
    QCheckBox* m_logScale;
    LossChart* m_loss;
    AttentionHeatmap* m_heatmap;
    QString m_blockedReason;
    TrainingController::State m_state = TrainingController::State::Idle;
    bool m_hasSession = false;
};

} // namespace lstmlab::ui

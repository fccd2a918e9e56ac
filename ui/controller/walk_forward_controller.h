// WalkForwardController: runs a walk-forward evaluation on its background job (engine
// walk_forward: K test blocks at the end of the series, each fold's scaler refitted on its own
// training rows and its model retrained warm-started, or trained once) and turns the engine's
// progress into signals on the GUI thread.
//
// The job loads the data file with the request's columns and import options (as training does),
// then runs the folds; the engine's preparation and evaluation of the folds use `jobs` threads of its
// task pool, and any `jobs` gives the same table. The job never touches a widget: it posts copied
// snapshots to the GUI thread (BackgroundJob::post), throttled to one per ProgressThrottle::interval (epoch ends always).
// Cancel is the job's atomic flag the CSV reader's and the trainer's callbacks read (the running fold
// stops after its batch; `finished` then carries null). shutdown() -- also the destructor -- cancels
// and joins (R10).
#pragma once

#include "engine/train/walk_forward.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace lstmlab::ui {

class BackgroundJob;

struct WalkForwardRequest {
    QString dataPath;
    PipelineConfig pipeline;
    ModelSpec spec;            // features and outputs are filled by the engine
    TrainConfig train;
    WalkForwardConfig config;
};

struct WalkForwardProgressSnapshot {
    int fold = 0;              // 0-based, the fold training
    int folds = 0;
    int epoch = 0;             // 1-based, within that fold's training
    int epochs = 0;
    double fraction = 0;       // of all folds' training, 0..1
};

using WalkForwardResultPtr = std::shared_ptr<const WalkForwardResult>;

class WalkForwardController : public QObject {
    Q_OBJECT
public:
    explicit WalkForwardController(QObject* parent = nullptr);
    ~WalkForwardController() override;

    // Starts the run on the thread; ignored while one runs.
    void start(const WalkForwardRequest& request);
    void cancel();
    void shutdown();

    // From start() until finished or failed has been emitted.
    bool isRunning() const { return m_running; }
    bool isThreadRunning() const;

signals:
    void progress(const lstmlab::ui::WalkForwardProgressSnapshot& snapshot);
    // The whole result; null when cancelled.
    void finished(const lstmlab::ui::WalkForwardResultPtr& result);
    void failed(const QString& sentence);

private:
    struct Run;
    void runOnThread(Run& run);

    BackgroundJob* m_job;   // a child
    bool m_running = false;
};

} // namespace lstmlab::ui

Q_DECLARE_METATYPE(lstmlab::ui::WalkForwardProgressSnapshot)
Q_DECLARE_METATYPE(lstmlab::ui::WalkForwardResultPtr)

// DataLoader: reads a CSV for the Data view off the GUI thread, with progress and cancel (R8).
//
// The preview load uses no "used" column and MissingPolicy::Keep, like `lstmlab-cli inspect`: it
// never fails on missing values or text cells, it shows them. Structural errors (ragged rows, bad
// quoting, unsorted dates) come back as the reader's one sentence. The load runs on a background job
// (ui/common/background_job.h), abandoned (cancelled, joined, its result dropped) before a new load
// starts and in the destructor.
#pragma once

#include "engine/data/inspect.h"

#include <QObject>
#include <QString>

#include <memory>

namespace lstmlab::ui {

class BackgroundJob;

struct LoadedData {
    QString path;
    LoadResult result;       // the frame and the reader's report
    InspectReport summary;   // per-column types, missing counts, statistics
    std::string sha256;      // of the file's bytes
};
using LoadedDataPtr = std::shared_ptr<const LoadedData>;

class DataLoader : public QObject {
    Q_OBJECT
public:
    explicit DataLoader(QObject* parent = nullptr);
    ~DataLoader() override;

    // Starts loading `path` with the import options `csv`, cancelling (and joining) a load in progress first.
    void load(const QString& path, const CsvOptions& csv = {});
    // Asks the running load to stop at its next 1 MiB chunk; `cancelled` follows.
    void cancel();
    bool isLoading() const;

signals:
    void progress(int percent);
    void loaded(lstmlab::ui::LoadedDataPtr data);
    void failed(const QString& path, const QString& sentence);
    void cancelled(const QString& path);

private:
    struct Job;
    void finish(const std::shared_ptr<Job>& job);

    BackgroundJob* m_job;   // a child
};

} // namespace lstmlab::ui

Q_DECLARE_METATYPE(lstmlab::ui::LoadedDataPtr)

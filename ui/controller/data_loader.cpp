#include "ui/controller/data_loader.h"

#include "engine/core/error.h"
#include "engine/core/sha256.h"
#include "ui/common/setting_words.h"

#include <QPointer>
#include <QThread>

namespace lstmlab::ui {

struct DataLoader::Job {
    QString path;
    std::shared_ptr<LoadedData> data;
    QString error;
    bool cancelled = false;
};

DataLoader::DataLoader(QObject* parent) : QObject(parent) { qRegisterMetaType<LoadedDataPtr>(); }

DataLoader::~DataLoader() { cancelAndWait(); }

void DataLoader::load(const QString& path, const CsvOptions& csv)
{
    cancelAndWait();
    auto job = std::make_shared<Job>();
    job->path = path;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    QPointer<DataLoader> self(this);
    m_thread = QThread::create([job, cancel, self, csv] {
        int lastPercent = -1;
        LoadOptions options;
        options.missing = MissingPolicy::Keep;
        options.csv = csv;
        options.progress = [&](std::uint64_t read, std::uint64_t total) {
            const int percent = total > 0 ? int(100 * read / total) : 0;
            if (percent != lastPercent && self) {
                lastPercent = percent;
                // Queued to the loader's (GUI) thread; dropped if the loader is gone by then.
                QMetaObject::invokeMethod(self.data(), [self, percent] { if (self) emit self->progress(percent); },
                                          Qt::QueuedConnection);
            }
            return !cancel->load();
        };
        try {
            auto data = std::make_shared<LoadedData>();
            data->path = job->path;
            data->result = load_csv(job->path.toStdString(), options);
            data->summary = summarize_load(data->result);
            if (cancel->load())
                throw Cancelled();
            data->sha256 = sha256_file_hex(job->path.toStdString());
            data->summary.sha256 = data->sha256;
            job->data = std::move(data);
        } catch (const Cancelled&) {
            job->cancelled = true;
        } catch (const std::exception& e) {
            job->error = errorText(e);
        }
    });
    QThread* thread = m_thread;
    const quint64 generation = ++m_generation;
    // A load replaced by cancelAndWait() has a stale generation: its thread is already deleted.
    connect(thread, &QThread::finished, this, [this, job, thread, generation] {
        if (generation != m_generation)
            return;
        m_thread = nullptr;
        thread->deleteLater();
        finish(job);
    });
    thread->start();
}

void DataLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DataLoader::cancelAndWait()
{
    if (!m_thread)
        return;
    cancel();
    QThread* thread = m_thread;
    m_thread = nullptr;
    ++m_generation;
    thread->wait();
    delete thread;
}

void DataLoader::finish(const std::shared_ptr<Job>& job)
{
    if (job->cancelled)
        emit cancelled(job->path);
    else if (job->data)
        emit loaded(job->data);
    else
        emit failed(job->path, job->error);
}

} // namespace lstmlab::ui

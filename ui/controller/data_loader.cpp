#include "ui/controller/data_loader.h"

#include "engine/core/error.h"
#include "engine/core/sha256.h"
#include "ui/common/background_job.h"
#include "ui/common/setting_words.h"

namespace lstmlab::ui {

struct DataLoader::Job {
    QString path;
    std::shared_ptr<LoadedData> data;
    QString error;
    bool cancelled = false;
};

DataLoader::DataLoader(QObject* parent)
    : QObject(parent), m_job(new BackgroundJob(QStringLiteral("lstmlab-data-loader"), BackgroundJob::Lifetime::PerRun, this))
{
    qRegisterMetaType<LoadedDataPtr>();
}

DataLoader::~DataLoader() { m_job->abandon(); }

bool DataLoader::isLoading() const { return m_job->isRunning(); }

void DataLoader::load(const QString& path, const CsvOptions& csv)
{
    m_job->abandon();   // a load in progress is cancelled and its result dropped
    auto job = std::make_shared<Job>();
    job->path = path;
    const std::atomic<bool>& cancel = m_job->cancelFlag();
    m_job->run(
        [this, job, &cancel, csv] {
            int lastPercent = -1;
            LoadOptions options;
            options.missing = MissingPolicy::Keep;
            options.csv = csv;
            options.progress = [&](std::uint64_t read, std::uint64_t total) {
                const int percent = total > 0 ? int(100 * read / total) : 0;
                if (percent != lastPercent) {
                    lastPercent = percent;
                    m_job->post([this, percent] { emit progress(percent); });
                }
                return !cancel.load();
            };
            try {
                auto data = std::make_shared<LoadedData>();
                data->path = job->path;
                data->result = load_csv(job->path.toStdString(), options);
                data->summary = summarize_load(data->result);
                if (cancel.load())
                    throw Cancelled();
                data->sha256 = sha256_file_hex(job->path.toStdString());
                data->summary.sha256 = data->sha256;
                job->data = std::move(data);
            } catch (const Cancelled&) {
                job->cancelled = true;
            } catch (const std::exception& e) {
                job->error = errorText(e);
            }
        },
        [this, job] { finish(job); });
}

void DataLoader::cancel() { m_job->cancel(); }

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

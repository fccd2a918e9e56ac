#include "engine/io/run_folder.h"

#include "engine/core/csv_format.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace lstmlab {
namespace {

constexpr const char* metrics_header = "epoch,train_loss,validation_loss,learning_rate,gradient_norm,seconds";

std::string row(const EpochRecord& r)
{
    return std::to_string(r.epoch) + "," + csv_number(r.train_loss) + "," + csv_number(r.validation_loss) + "," +
           csv_number(r.learning_rate) + "," + csv_number(r.gradient_norm) + "," + csv_number(r.seconds) + "\n";
}

bool parse_cell(std::string_view text, double& value)
{
    if (text.empty()) {
        value = not_measured;
        return true;
    }
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool parse_row(const std::string& line, EpochRecord& r)
{
    std::vector<std::string_view> cells;
    std::string_view rest(line);
    while (true) {
        const auto comma = rest.find(',');
        cells.push_back(rest.substr(0, comma));
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    if (cells.size() != 6)
        return false;
    int epoch = 0;
    const auto e = std::from_chars(cells[0].data(), cells[0].data() + cells[0].size(), epoch);
    if (e.ec != std::errc() || e.ptr != cells[0].data() + cells[0].size())
        return false;
    r.epoch = epoch;
    return parse_cell(cells[1], r.train_loss) && parse_cell(cells[2], r.validation_loss) &&
           parse_cell(cells[3], r.learning_rate) && parse_cell(cells[4], r.gradient_norm) &&
           parse_cell(cells[5], r.seconds);
}

} // namespace

std::string metrics_csv(const std::vector<EpochRecord>& epochs)
{
    std::string text = std::string(metrics_header) + "\n";
    for (const EpochRecord& r : epochs)
        text += row(r);
    return text;
}

RunFolder::RunFolder(const std::string& directory, const Json& info, const std::vector<EpochRecord>& keep_epochs)
    : m_directory(directory)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error || !std::filesystem::is_directory(directory))
        throw Error(directory + ": cannot create the run folder (" + error.message() + ")");
    write_file_atomic(directory + "/metrics.csv", metrics_csv(keep_epochs));
    update_info(info);
}

void RunFolder::append_epoch(const EpochRecord& record)
{
    const std::string path = m_directory + "/metrics.csv";
    const std::string text = row(record);
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        throw Error(path + ": cannot append the epoch's metrics (" + std::strerror(errno) + ")");
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int code = errno;
            ::close(fd);
            throw Error(path + ": writing the epoch's metrics failed (" + std::strerror(code) + ")");
        }
        done += std::size_t(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int code = errno;
    ::close(fd);
    if (!synced)
        throw Error(path + ": flushing the epoch's metrics failed (" + std::strerror(code) + ")");
}

void RunFolder::update_info(const Json& info) { write_file_atomic(m_directory + "/run.json", to_json(info, true) + "\n"); }

RunRecord RunFolder::read(const std::string& directory)
{
    RunRecord record;
    const std::string info_path = directory + "/run.json";
    std::ifstream info_file(info_path, std::ios::binary);
    if (!info_file)
        throw Error(info_path + ": no such file (is \"" + directory + "\" a run folder?)");
    std::ostringstream info_text;
    info_text << info_file.rdbuf();
    record.info = parse_json(info_text.str(), info_path);

    const std::string metrics_path = directory + "/metrics.csv";
    std::ifstream metrics(metrics_path, std::ios::binary);
    if (!metrics)
        throw Error(metrics_path + ": no such file");
    std::ostringstream all;
    all << metrics.rdbuf();
    const std::string text = all.str();
    std::size_t begin = 0;
    std::size_t line = 0;
    while (begin < text.size()) {
        ++line;
        const std::size_t end = text.find('\n', begin);
        const bool complete = end != std::string::npos;
        const std::string content = text.substr(begin, complete ? end - begin : std::string::npos);
        begin = complete ? end + 1 : text.size();
        if (line == 1) {
            if (content != metrics_header)
                throw Error(metrics_path + ":1: the header is not \"" + std::string(metrics_header) + "\"");
            continue;
        }
        EpochRecord r;
        const bool parsed = parse_row(content, r);
        if (!complete || !parsed) {
            if (begin >= text.size()) {   // the last row: torn by a kill mid-write
                record.torn_row = metrics_path + ":" + std::to_string(line) +
                                  ": the last row is incomplete (the run was stopped while writing it); " +
                                  std::to_string(record.epochs.size()) + " complete epochs read";
                break;
            }
            throw Error(metrics_path + ":" + std::to_string(line) + ": \"" + content.substr(0, 60) +
                        "\" is not a metrics row");
        }
        if (r.epoch != int(record.epochs.size()) + 1)
            throw Error(metrics_path + ":" + std::to_string(line) + ": epoch " + std::to_string(r.epoch) +
                        " follows epoch " + std::to_string(record.epochs.size()));
        record.epochs.push_back(r);
    }
    return record;
}

} // namespace lstmlab

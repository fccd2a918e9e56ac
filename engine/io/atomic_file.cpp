// write_file_atomic: temp file + checked writes + fsync + rename + directory fsync (see the header).
#include "engine/io/atomic_file.h"

#include "engine/core/error.h"

#include <cerrno>
#include <cstdio>
#include <random>
#include <system_error>
#include <ctime>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lstmlab {

namespace {

constexpr std::size_t buffer_bytes = 64 * 1024;
constexpr std::size_t max_name_in_temp = 200;   // keeps temp names under NAME_MAX (255)
constexpr std::string_view temp_suffix = ".lstmlab-tmp";
constexpr int suffix_hex_digits = 16;
constexpr int create_attempts = 16;

struct SplitPath {
    std::string directory;   // "." when the path has no slash
    std::string name;
};

SplitPath split_path(const std::string& path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

std::string temp_prefix(const std::string& name)
{
    return std::string(1, '.').append(name, 0, max_name_in_temp).append(1, '.');
}

std::string random_hex()
{
    std::random_device device;   // getrandom(2) on Linux: no seeding, no shared state
    const std::uint64_t value = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    char buffer[suffix_hex_digits + 1];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

bool is_hex(std::string_view text)
{
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

// ".<name>.<16 hex>.lstmlab-tmp" for the prefix ".<name>.".
bool matches_temp_pattern(std::string_view file, const std::string& prefix)
{
    return file.starts_with(prefix) && file.ends_with(temp_suffix) &&
           file.size() == prefix.size() + suffix_hex_digits + temp_suffix.size() &&
           is_hex(file.substr(prefix.size(), suffix_hex_digits));
}

bool older(const struct timespec& a, const struct timespec& b)
{
    return a.tv_sec != b.tv_sec ? a.tv_sec < b.tv_sec : a.tv_nsec < b.tv_nsec;
}

// Removes stale temporary files of `name` in `directory`: older than `reference` and not locked
// by a live writer. Best effort: a file that cannot be inspected is left alone.
void remove_stale_temps(const SplitPath& target, const struct timespec& reference)
{
    DIR* dir = ::opendir(target.directory.c_str());
    if (!dir)
        return;
    const int dir_fd = ::dirfd(dir);
    const std::string prefix = temp_prefix(target.name);
    while (const dirent* entry = ::readdir(dir)) {
        if (!matches_temp_pattern(entry->d_name, prefix))
            continue;
        const int fd = ::openat(dir_fd, entry->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            continue;
        struct stat info {};
        if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && older(info.st_mtim, reference) &&
            ::flock(fd, LOCK_EX | LOCK_NB) == 0)
            ::unlinkat(dir_fd, entry->d_name, 0);
        ::close(fd);   // also releases the lock
    }
    ::closedir(dir);
}

// The temporary file of one save; removes itself unless committed.
class TempFile {
public:
    TempFile(const std::string& path, const SplitPath& target) : m_path(path)
    {
        struct stat old {};
        const bool exists = ::stat(path.c_str(), &old) == 0;
        if (exists && S_ISDIR(old.st_mode))
            throw Error(path + ": cannot save: it is a directory");
        if (target.name.empty())
            throw Error(path + ": cannot save: the path names a directory, not a file");
        m_unchanged = exists ? "; the previous file is unchanged" : "; no file was written";
        // Precise time before the file exists: its coarse mtime, and that of any file created
        // later, is not below this, while a stale file's last write is.
        ::clock_gettime(CLOCK_REALTIME, &m_started);
        const mode_t mode = exists ? (old.st_mode & 07777) : 0666;
        for (int attempt = 0; attempt < create_attempts && m_fd < 0; ++attempt) {
            m_temp = target.directory + "/" + temp_prefix(target.name) + random_hex() + std::string(temp_suffix);
            m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (m_fd < 0 && errno != EEXIST)
                fail("creating a temporary file in " + target.directory, errno);
        }
        if (m_fd < 0)
            fail("creating a temporary file in " + target.directory, errno);
        // Marks the file as in use for remove_stale_temps() of concurrent writers; where flock
        // is unsupported the cleanup cannot lock it either and leaves it alone.
        ::flock(m_fd, LOCK_EX | LOCK_NB);
        if (exists && ::fchmod(m_fd, mode) != 0) {   // O_CREAT applied the umask; match the old file
            const int error = errno;
            abandon();
            fail("setting permissions", error);
        }
    }
    ~TempFile() { abandon(); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return m_fd; }
    std::string step_prefix(const std::string& step) const { return m_path + ": saving failed while " + step; }
    const std::string& unchanged() const { return m_unchanged; }
    const struct timespec& started() const { return m_started; }

    void commit()
    {
        while (::fsync(m_fd) != 0)
            if (errno != EINTR)
                fail("syncing to disk", errno);
        if (::rename(m_temp.c_str(), m_path.c_str()) != 0)
            fail("renaming the temporary file over it", errno);
        m_committed = true;
        ::close(m_fd);   // after a successful fsync the data is on disk; close cannot lose it
        m_fd = -1;
    }

    [[noreturn]] void fail(const std::string& step, int error) const
    {
        throw Error(step_prefix(step) + " (" + errno_text(error) + ")" + m_unchanged);
    }

private:
    // Closes and removes the temporary file unless it has been renamed over the target.
    void abandon()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        if (!m_committed && !m_temp.empty())
            ::unlink(m_temp.c_str());
        m_temp.clear();
    }

    std::string m_path;
    std::string m_temp;
    std::string m_unchanged;
    int m_fd = -1;
    bool m_committed = false;
    struct timespec m_started {};
};

} // namespace

AtomicFileWriter::AtomicFileWriter(int fd, std::string error_prefix) : m_fd(fd), m_error_prefix(std::move(error_prefix))
{
    m_buffer.reserve(buffer_bytes);
}

void AtomicFileWriter::write(std::string_view text) { write(std::as_bytes(std::span<const char>(text.data(), text.size()))); }

void AtomicFileWriter::write(std::span<const std::byte> bytes)
{
    if (m_buffer.size() + bytes.size() <= buffer_bytes) {
        m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
        return;
    }
    flush();
    if (bytes.size() >= buffer_bytes)
        write_all(bytes.data(), bytes.size());
    else
        m_buffer.assign(bytes.begin(), bytes.end());
}

void AtomicFileWriter::flush()
{
    write_all(m_buffer.data(), m_buffer.size());
    m_buffer.clear();
}

void AtomicFileWriter::write_all(const std::byte* data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t wrote = ::write(m_fd, data + done, size - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote < 0)
            throw Error(m_error_prefix + " (" + errno_text(errno) + ")");
        done += static_cast<std::size_t>(wrote);   // a short write continues with the rest
    }
    m_written += size;
}

void write_file_atomic(const std::string& path, const std::function<void(AtomicFileWriter&)>& produce)
{
    const SplitPath target = split_path(path);
    TempFile temp(path, target);
    AtomicFileWriter writer(temp.fd(), temp.step_prefix("writing"));
    try {
        produce(writer);
        writer.flush();
    } catch (const Error& error) {
        // I/O errors from the writer gain the note about the old file; the caller's own errors
        // pass through unchanged.
        const std::string message = error.what();
        if (message.starts_with(temp.step_prefix("writing")))
            throw Error(message + temp.unchanged());
        throw;
    }
    temp.commit();

    const int dir_fd = ::open(target.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0)
        throw Error(path + ": saved, but opening its directory to sync it failed (" + errno_text(errno) + ")");
    int sync_result = 0;
    while ((sync_result = ::fsync(dir_fd)) != 0 && errno == EINTR) {
    }
    const int sync_error = errno;
    ::close(dir_fd);
    if (sync_result != 0 && sync_error != EINVAL)   // EINVAL: this file system cannot sync directories
        throw Error(path + ": saved, but syncing its directory failed (" + errno_text(sync_error) + ")");
    remove_stale_temps(target, temp.started());
}

void write_file_atomic(const std::string& path, std::span<const std::span<const std::byte>> chunks)
{
    write_file_atomic(path, [&](AtomicFileWriter& writer) {
        for (const auto chunk : chunks)
            writer.write(chunk);
    });
}

void write_file_atomic(const std::string& path, std::string_view content)
{
    write_file_atomic(path, [&](AtomicFileWriter& writer) { writer.write(content); });
}

bool is_atomic_temp_name(const std::string& target_path, std::string_view file_name)
{
    return matches_temp_pattern(file_name, temp_prefix(split_path(target_path).name));
}

} // namespace lstmlab

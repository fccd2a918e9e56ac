// write_file_atomic: replace a file so that, at every instant, its path holds either the complete
// old content or the complete new content (docs/reliability.md R3). Plain POSIX; no Qt (QSaveFile in
// Qt 6.4 can report success after a failed write, QTBUG-75077).
//
// Steps:
//   1. create "<dir>/.<name>.<16 random hex digits>.lstmlab-tmp" beside the target with O_EXCL,
//      mode of the existing target (else 0666 minus the umask), and flock() it for the duration;
//   2. write every byte, checking every write(): short writes continue, EINTR retries;
//   3. fsync() the temporary file;
//   4. rename() it over the target (atomic within one directory);
//   5. fsync() the directory, so the rename itself survives a power cut.
// Any failure before step 4 removes the temporary file and throws Error with one sentence naming
// the path, the step and the errno text, e.g.
//   `run/m.safetensors: saving failed while writing (File too large); the previous file is unchanged`.
// An exception from the caller's producer removes the temporary file and propagates unchanged.
//
// Stale temporary files: only a writer killed outright (SIGKILL, power loss) leaves its temporary
// file behind. After every successful rename the writer removes the temporary files of the SAME
// target that are older than its own (modified before it began) and not flock()ed by a live writer:
// so at most one stale file per killed writer exists, until the next successful save of that target.
// A symbolic link at the target path is replaced by the new file, not followed.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

// What the producer callback writes through. Buffers up to 64 KiB; every flush is checked.
class AtomicFileWriter {
public:
    void write(std::span<const std::byte> bytes);
    void write(std::string_view text);
    std::size_t bytes_written() const { return m_written; }

private:
    friend void write_file_atomic(const std::string&, const std::function<void(AtomicFileWriter&)>&);
    AtomicFileWriter(int fd, std::string step_error_prefix);
    void flush();
    void write_all(const std::byte* data, std::size_t size);

    int m_fd;
    std::string m_error_prefix;   // "<path>: saving failed while writing"
    std::vector<std::byte> m_buffer;
    std::size_t m_written = 0;
};

void write_file_atomic(const std::string& path, const std::function<void(AtomicFileWriter&)>& produce);
void write_file_atomic(const std::string& path, std::span<const std::span<const std::byte>> chunks);
void write_file_atomic(const std::string& path, std::string_view content);

// True when `file_name` (a name inside the target's directory, without the directory) is a
// temporary file of a write to `target_path`: ".<name>.<16 hex digits>.lstmlab-tmp".
bool is_atomic_temp_name(const std::string& target_path, std::string_view file_name);

} // namespace lstmlab

// MemoryFile: bytes that the engine's path-based readers (load_csv, load_checkpoint) can open, without
// touching the disk: an anonymous memfd, reached through /proc/self/fd/N. Closed by the destructor.
// Throws std::runtime_error when the kernel refuses (the harness then fails loudly, never silently).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace lstmlab::fuzz {

class MemoryFile {
public:
    explicit MemoryFile(std::span<const std::uint8_t> bytes);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;

    const std::string& path() const { return m_path; }   // "/proc/self/fd/N"

private:
    int m_fd = -1;
    std::string m_path;
};

} // namespace lstmlab::fuzz

#include "memory_file.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/mman.h>
#include <unistd.h>

namespace lstmlab::fuzz {

MemoryFile::MemoryFile(std::span<const std::uint8_t> bytes)
{
    m_fd = ::memfd_create("lstmlab-fuzz", MFD_CLOEXEC);
    if (m_fd < 0)
        throw std::runtime_error(std::string("memfd_create failed: ") + std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t wrote = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0) {
            ::close(m_fd);
            throw std::runtime_error(std::string("writing the memfd failed: ") + std::strerror(errno));
        }
        done += std::size_t(wrote);
    }
    m_path = "/proc/self/fd/" + std::to_string(m_fd);
}

MemoryFile::~MemoryFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace lstmlab::fuzz

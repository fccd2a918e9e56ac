#include "engine/core/sha256.h"

#include "engine/core/error.h"

#include <nettle/sha2.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace lstmlab {
namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

Sha256::Sha256() : m_context(std::make_unique<sha256_ctx>()) { sha256_init(m_context.get()); }

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size)
{
    sha256_update(m_context.get(), size, static_cast<const std::uint8_t*>(data));
}

std::array<std::uint8_t, 32> Sha256::digest()
{
    static_assert(SHA256_DIGEST_SIZE == 32);
    std::array<std::uint8_t, 32> out{};
    sha256_digest(m_context.get(), out.size(), out.data());
    return out;
}

std::string Sha256::hex_digest()
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (std::uint8_t byte : digest()) {
        hex += digits[byte >> 4];
        hex += digits[byte & 15];
    }
    return hex;
}

std::string sha256_hex(std::string_view text)
{
    Sha256 hash;
    hash.update(text);
    return hash.hex_digest();
}

std::string sha256_file_hex(const std::string& path)
{
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        throw Error(path + ": cannot open the file to compute its SHA-256 (" + std::strerror(errno) + ").");
    constexpr std::size_t chunk_bytes = std::size_t(1) << 20;
    std::vector<char> chunk(chunk_bytes);
    Sha256 hash;
    for (;;) {
        const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file.get());
        hash.update(chunk.data(), got);
        if (got < chunk.size()) {
            if (std::ferror(file.get()))
                throw Error(path + ": read error while computing its SHA-256.");
            break;
        }
    }
    return hash.hex_digest();
}

} // namespace lstmlab

// Sha256: the SHA-256 digest (FIPS 180-4), used to fingerprint the source CSV of a run so a checkpoint
// can tell whether it is applied to the data it was trained on, and a sweep's trials folder whether its
// data file changed. The hashing is Nettle's (Debian: nettle-dev), not ours.
//
// Streaming: update() any number of times with consecutive pieces of the message, then hex_digest()
// once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct sha256_ctx;   // Nettle's state (nettle/sha2.h)

namespace lstmlab {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }

    // The 32-byte digest of everything passed to update(); the object is spent afterwards.
    std::array<std::uint8_t, 32> digest();
    // The digest as 64 lower-case hex digits.
    std::string hex_digest();

private:
    std::unique_ptr<sha256_ctx> m_context;
};

// Digest of a whole string, as 64 hex digits.
std::string sha256_hex(std::string_view text);

// Digest of a file's bytes, read in large chunks; throws Error naming the file when it cannot be read.
std::string sha256_file_hex(const std::string& path);

} // namespace lstmlab

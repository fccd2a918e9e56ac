// Sha256: the SHA-256 digest of FIPS 180-4 (same as FIPS 180-2 for SHA-256), used to fingerprint the
// source CSV of a run so a checkpoint can tell whether it is applied to the data it was trained on.
//
// Streaming: update() any number of times with consecutive pieces of the message, then hex_digest()
// once. A message is processed in 64-byte blocks; the state is eight 32-bit words.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lstmlab {

class Sha256 {
public:
    Sha256();

    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }

    // The 32-byte digest of everything passed to update(); the object is spent afterwards.
    std::array<std::uint8_t, 32> digest();
    // The digest as 64 lower-case hex digits.
    std::string hex_digest();

private:
    void process_block(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state{};
    std::array<std::uint8_t, 64> m_block{};  // a partly filled block, m_block_size bytes
    std::size_t m_block_size = 0;
    std::uint64_t m_total_bytes = 0;
};

// Digest of a whole string, as 64 hex digits.
std::string sha256_hex(std::string_view text);

// Digest of a file's bytes, read in large chunks; throws Error naming the file when it cannot be read.
std::string sha256_file_hex(const std::string& path);

} // namespace lstmlab

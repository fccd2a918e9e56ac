#include "engine/core/sha256.h"

#include "engine/core/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace lstmlab {
namespace {

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2).
constexpr std::array<std::uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

Sha256::Sha256()
    // First 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4, 5.3.3).
    : m_state{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
{
}

void Sha256::process_block(const std::uint8_t* block)
{
    std::array<std::uint32_t, 64> w{};  // the message schedule
    for (int t = 0; t < 16; ++t)
        w[t] = (std::uint32_t(block[4 * t]) << 24) | (std::uint32_t(block[4 * t + 1]) << 16)
             | (std::uint32_t(block[4 * t + 2]) << 8) | std::uint32_t(block[4 * t + 3]);
    for (int t = 16; t < 64; ++t) {
        const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, h] = m_state;
    for (int t = 0; t < 64; ++t) {
        const std::uint32_t big_sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        const std::uint32_t choose = (e & f) ^ (~e & g);
        const std::uint32_t t1 = h + big_sigma1 + choose + round_constants[t] + w[t];
        const std::uint32_t big_sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = big_sigma0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    const std::array<std::uint32_t, 8> add = {a, b, c, d, e, f, g, h};
    for (int k = 0; k < 8; ++k)
        m_state[k] += add[k];
}

void Sha256::update(const void* data, std::size_t size)
{
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    m_total_bytes += size;
    if (m_block_size > 0) {
        const std::size_t take = std::min(size, m_block.size() - m_block_size);
        std::memcpy(m_block.data() + m_block_size, bytes, take);
        m_block_size += take;
        bytes += take;
        size -= take;
        if (m_block_size < m_block.size())
            return;
        process_block(m_block.data());
        m_block_size = 0;
    }
    for (; size >= 64; bytes += 64, size -= 64)
        process_block(bytes);
    if (size > 0) {
        std::memcpy(m_block.data(), bytes, size);
        m_block_size = size;
    }
}

std::array<std::uint8_t, 32> Sha256::digest()
{
    // Padding (5.1.1): one 1 bit, zeros up to 56 mod 64 bytes, then the bit length big-endian.
    const std::uint64_t bit_length = m_total_bytes * 8;
    const std::uint8_t one_bit = 0x80;
    update(&one_bit, 1);
    const std::uint8_t zero = 0;
    while (m_block_size != 56)
        update(&zero, 1);
    std::array<std::uint8_t, 8> length{};
    for (int k = 0; k < 8; ++k)
        length[k] = std::uint8_t(bit_length >> (56 - 8 * k));
    update(length.data(), length.size());

    std::array<std::uint8_t, 32> out{};
    for (int k = 0; k < 8; ++k)
        for (int byte = 0; byte < 4; ++byte)
            out[4 * k + byte] = std::uint8_t(m_state[k] >> (24 - 8 * byte));
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

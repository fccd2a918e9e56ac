#include "engine/core/rng.h"

#include "engine/core/error.h"

#include <charconv>
#include <cstdio>

namespace lstmlab {
namespace {

std::uint64_t splitmix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

} // namespace

Rng::Rng(std::uint64_t seed)
{
    for (auto& word : m_state)
        word = splitmix64(seed);
}

std::uint64_t Rng::next_u64()
{
    auto& s = m_state;
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double Rng::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double low, double high) { return low + (high - low) * uniform01(); }

// The 128-bit product of two 64-bit numbers (a GCC and clang extension, which __extension__ says).
__extension__ typedef unsigned __int128 uint128;

std::uint64_t Rng::below(std::uint64_t bound)
{
    // Lemire's multiply-shift with rejection of the biased low range.
    uint128 product = static_cast<uint128>(next_u64()) * bound;
    auto low = static_cast<std::uint64_t>(product);
    if (low < bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            product = static_cast<uint128>(next_u64()) * bound;
            low = static_cast<std::uint64_t>(product);
        }
    }
    return static_cast<std::uint64_t>(product >> 64);
}

std::string Rng::state_string() const
{
    char text[4 * 17];
    std::snprintf(text, sizeof text, "%016llx-%016llx-%016llx-%016llx",
                  static_cast<unsigned long long>(m_state[0]), static_cast<unsigned long long>(m_state[1]),
                  static_cast<unsigned long long>(m_state[2]), static_cast<unsigned long long>(m_state[3]));
    return text;
}

void Rng::set_state_string(const std::string& text)
{
    std::array<std::uint64_t, 4> words{};
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (int k = 0; k < 4; ++k) {
        if (k > 0) {
            if (p == end || *p != '-')
                throw Error("generator state \"" + text + "\" is not four hex words separated by '-'");
            ++p;
        }
        const char* word_end = p + 16 <= end ? p + 16 : end;
        auto [next, ec] = std::from_chars(p, word_end, words[k], 16);
        if (ec != std::errc() || next != p + 16)
            throw Error("generator state \"" + text + "\" is not four 16-digit hex words");
        p = next;
    }
    if (p != end)
        throw Error("generator state \"" + text + "\" has trailing characters");
    set_state(words);
}

void Rng::set_state(const RngState& state)
{
    if (state == RngState{})
        throw Error("generator state is all zero, which xoshiro256** cannot leave");
    m_state = state;
}

} // namespace lstmlab

// Rng: the one seeded generator behind initialisation, shuffling and dropout.
//
// xoshiro256** (Blackman & Vigna, 2018): 256 bits of state, period 2^256 - 1, fast and
// statistically strong. Its whole state is four 64-bit words, so a checkpoint can store it as text
// and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
// The state is seeded from a 64-bit seed with splitmix64, as the authors recommend.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace lstmlab {

using RngState = std::array<std::uint64_t, 4>;

class Rng {
public:
    explicit Rng(std::uint64_t seed = 42);

    std::uint64_t next_u64();
    double uniform01();                          // [0, 1), 53 random bits
    double uniform(double low, double high);     // [low, high)
    std::uint64_t below(std::uint64_t bound);    // [0, bound), unbiased (Lemire); bound > 0

    // Text form of the state: four 16-digit lower-case hex words separated by '-'.
    std::string state_string() const;
    // Restores a state written by state_string(); throws Error on malformed text.
    void set_state_string(const std::string& text);

    RngState state() const { return m_state; }
    // Restores a state taken with state(); throws Error for the all-zero state.
    void set_state(const RngState& state);
    bool operator==(const Rng& other) const { return m_state == other.m_state; }

private:
    std::array<std::uint64_t, 4> m_state{};
};

} // namespace lstmlab

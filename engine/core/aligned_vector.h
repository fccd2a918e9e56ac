// AlignedVector: std::vector whose storage starts on a 64-byte boundary (a cache line, and the widest
// SIMD register).
//
// Why it matters beyond speed: Eigen's vectorised reductions and products peel a few leading elements
// until the data is aligned, so the ORDER of floating-point additions depends on the address's
// alignment. With malloc's 16-byte guarantee two identical runs could round differently; with every
// engine buffer on a 64-byte boundary, a seed and a thread count fix the results bit for bit.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace lstmlab {

inline constexpr std::size_t engine_alignment = 64;

template <typename T>
struct AlignedAllocator {
    using value_type = T;
    AlignedAllocator() noexcept = default;
    template <typename U>
    AlignedAllocator(const AlignedAllocator<U>&) noexcept
    {
    }
    T* allocate(std::size_t n)
    {
        return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(engine_alignment)));
    }
    void deallocate(T* p, std::size_t n) noexcept
    {
        ::operator delete(p, n * sizeof(T), std::align_val_t(engine_alignment));
    }
    template <typename U>
    bool operator==(const AlignedAllocator<U>&) const noexcept
    {
        return true;
    }
};

template <typename T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

} // namespace lstmlab

// SIMD building blocks of the engine's kernels: Eigen's packet type for a scalar (16 floats or 8
// doubles with AVX-512, 8/4 with AVX, 4/2 with SSE), partial loads and stores for tails, and the
// activations applied one packet at a time.
//
// Every kernel that uses them computes an element with the same sequence of packet operations
// wherever the element sits (tails are padded, never handled by a different scalar loop), so a
// number does not depend on the batch split, the thread count or the shapes around it.
//   sigmoid(x) = 1 / (1 + exp(-x))   float: Eigen's rational approximation (a few ulp), as .logistic()
//   tanh(x)                          float: Eigen's rational approximation, as .tanh(); double: std::tanh
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <type_traits>

namespace lstmlab::simd {

template <typename Scalar>
using Packet = typename Eigen::internal::packet_traits<Scalar>::type;

template <typename Scalar>
inline constexpr int packet_size = Eigen::internal::unpacket_traits<Packet<Scalar>>::size;

using Eigen::internal::padd;
using Eigen::internal::pdiv;
using Eigen::internal::pload;
using Eigen::internal::ploadu;
using Eigen::internal::pmadd;
using Eigen::internal::pmul;
using Eigen::internal::pset1;
using Eigen::internal::pstore;
using Eigen::internal::pstoreu;
using Eigen::internal::psub;

// Asks for the cache lines of [data, data + bytes) to be brought into L1 (a hint; it changes no result).
inline void prefetch(const void* data, std::size_t bytes)
{
    const char* first = static_cast<const char*>(data);
    for (std::size_t offset = 0; offset < bytes; offset += 64)
        __builtin_prefetch(first + offset, 0, 3);
}

// Loads `count` (<= packet size) scalars, the other lanes zero.
template <typename Scalar>
inline Packet<Scalar> load_partial(const Scalar* source, int count)
{
    constexpr int P = packet_size<Scalar>;
    if (count == P)
        return ploadu<Packet<Scalar>>(source);
#if defined(EIGEN_VECTORIZE_AVX512)
    const __mmask16 mask = __mmask16((1u << count) - 1u);   // masked lanes are not read
    if constexpr (std::is_same_v<Scalar, float>)
        return _mm512_maskz_loadu_ps(mask, source);
    else
        return _mm512_maskz_loadu_pd(__mmask8(mask), source);
#endif
    alignas(64) Scalar lanes[P] = {};
    for (int k = 0; k < count; ++k)
        lanes[k] = source[k];
    return pload<Packet<Scalar>>(lanes);
}

// Stores the first `count` lanes.
template <typename Scalar>
inline void store_partial(Scalar* target, const Packet<Scalar>& value, int count)
{
    constexpr int P = packet_size<Scalar>;
    if (count == P) {
        pstoreu(target, value);
        return;
    }
#if defined(EIGEN_VECTORIZE_AVX512)
    const __mmask16 mask = __mmask16((1u << count) - 1u);   // masked lanes are not written
    if constexpr (std::is_same_v<Scalar, float>)
        _mm512_mask_storeu_ps(target, mask, value);
    else
        _mm512_mask_storeu_pd(target, __mmask8(mask), value);
    return;
#endif
    alignas(64) Scalar lanes[P];
    pstore(lanes, value);
    for (int k = 0; k < count; ++k)
        target[k] = lanes[k];
}

// dst[k * dst_stride + l] = src[l * src_stride + k] for l < rows, k < cols (both <= packet size): a
// transposed copy of a small block, in registers when the block is full.
template <typename Scalar>
inline void transpose_block(const Scalar* src, Eigen::Index src_stride, int rows, int cols, Scalar* dst,
                            Eigen::Index dst_stride)
{
    constexpr int P = packet_size<Scalar>;
    if (rows == P && cols == P) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"   // the packet type's alignment attribute, as in Eigen
        Eigen::internal::PacketBlock<Packet<Scalar>, P> block;
#pragma GCC diagnostic pop
        for (int l = 0; l < P; ++l)
            block.packet[l] = ploadu<Packet<Scalar>>(src + l * src_stride);
        Eigen::internal::ptranspose(block);
        for (int k = 0; k < P; ++k)
            pstoreu(dst + k * dst_stride, block.packet[k]);
        return;
    }
    for (int k = 0; k < cols; ++k)
        for (int l = 0; l < rows; ++l)
            dst[k * dst_stride + l] = src[l * src_stride + k];
}

// IEEE square root of every lane (Eigen's psqrt is an approximation under EIGEN_FAST_MATH).
template <typename Scalar>
inline Packet<Scalar> sqrt_exact(const Packet<Scalar>& x)
{
#if defined(EIGEN_VECTORIZE_AVX512)
    if constexpr (std::is_same_v<Scalar, float>)
        return _mm512_sqrt_ps(x);
    else
        return _mm512_sqrt_pd(x);
#elif defined(EIGEN_VECTORIZE_AVX)
    if constexpr (std::is_same_v<Scalar, float>)
        return _mm256_sqrt_ps(x);
    else
        return _mm256_sqrt_pd(x);
#elif defined(EIGEN_VECTORIZE_SSE2)
    if constexpr (std::is_same_v<Scalar, float>)
        return _mm_sqrt_ps(x);
    else
        return _mm_sqrt_pd(x);
#else
    constexpr int P = packet_size<Scalar>;
    alignas(64) Scalar lanes[P];
    pstore(lanes, x);
    for (int k = 0; k < P; ++k)
        lanes[k] = std::sqrt(lanes[k]);
    return pload<Packet<Scalar>>(lanes);
#endif
}

template <typename Scalar>
inline Packet<Scalar> sigmoid(const Packet<Scalar>& x)
{
    return Eigen::internal::scalar_logistic_op<Scalar>().packetOp(x);
}

template <typename Scalar>
inline Packet<Scalar> tanh(const Packet<Scalar>& x)
{
    if constexpr (Eigen::internal::packet_traits<Scalar>::HasTanh) {
        return Eigen::internal::ptanh(x);
    } else {
        constexpr int P = packet_size<Scalar>;
        alignas(64) Scalar lanes[P];
        pstore(lanes, x);
        for (int k = 0; k < P; ++k)
            lanes[k] = std::tanh(lanes[k]);
        return pload<Packet<Scalar>>(lanes);
    }
}

} // namespace lstmlab::simd

// safetensors: the checkpoint container (Hugging Face's format, as its reference implementation
// reads and writes it).
//
//   bytes 0..7        N, the header length, unsigned 64-bit little-endian
//   bytes 8..8+N      UTF-8 JSON object, padded with spaces to a multiple of 8 bytes:
//                       {"__metadata__": {"key": "value", ...},                      (optional)
//                        "fc.weight": {"dtype": "F32", "shape": [1, 32], "data_offsets": [0, 128]},
//                        ...}
//   bytes 8+N..       the data buffer; data_offsets [begin, end) are relative to its start.
//
// Tensors are row-major ("C" order) and little-endian; a tensor of shape [] is a scalar and one with
// a zero dimension holds no bytes.
//
// Reading is HOSTILE-INPUT SAFE (docs/reliability.md R1). Before anything is allocated from a number in
// the file, the reader checks: the file has 8 bytes; N <= 100,000,000 (the reference cap) and lies
// within the file; the header starts with '{' and is valid UTF-8 JSON with no duplicate keys;
// __metadata__ maps strings to strings; each entry has exactly dtype, shape and data_offsets, a known
// dtype, non-negative integer sizes, begin <= end <= data size and product(shape) x dtype size
// == end - begin without overflow; sorted by begin, the spans tile the data buffer exactly (no
// overlap, no hole, no trailing byte). The data buffer is read into one vector of the file's real
// size, never of a size the header claims. The header's JSON DOM is the one cost that grows with a
// hostile header: measured at 35 bytes of memory per header byte for the worst shape (a 10 MB
// array of zeros; objects and nested arrays cost 18), so the cap bounds it at about 3.5 GB. Every
// error is one sentence naming the file and the tensor or field:
// `m.safetensors: tensor "w": unknown dtype "F128"`.
// Header JSON errors carry line:column in the header: `m.safetensors header:1:17: duplicate key ...`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lstmlab {

// The dtypes of the reference implementation, which stores whole bytes per element.
enum class Dtype { boolean, u8, i8, f8_e5m2, f8_e4m3, i16, u16, f16, bf16, i32, u32, f32, f64, i64, u64 };

std::string_view dtype_name(Dtype dtype);                      // "F32", "BOOL", "F8_E5M2", ...
std::optional<Dtype> parse_dtype(std::string_view name);       // nullopt for an unknown name
std::size_t dtype_size(Dtype dtype);                           // bytes per element
std::string shape_text(const std::vector<std::size_t>& shape);  // "[1, 64]", "[]"

constexpr std::uint64_t safetensors_max_header_bytes = 100'000'000;

struct SafetensorsTensor {
    std::string name;
    Dtype dtype = Dtype::f32;
    std::vector<std::size_t> shape;
    std::size_t begin = 0;   // data_offsets, relative to the data buffer
    std::size_t end = 0;
    std::size_t element_count() const { return (end - begin) / dtype_size(dtype); }
    std::size_t byte_count() const { return end - begin; }
};

class SafetensorsFile {
public:
    const std::string& source_name() const { return m_source; }
    // Every tensor in file order: by position in the data buffer (ties keep header order).
    const std::vector<SafetensorsTensor>& tensors() const { return m_tensors; }
    const SafetensorsTensor* find(std::string_view name) const;   // nullptr when absent
    // The tensor's raw little-endian bytes. Throws Error naming the file when the name is absent.
    std::span<const std::byte> bytes(std::string_view name) const;
    std::span<const std::byte> bytes(const SafetensorsTensor& tensor) const;
    // Copies of a tensor's values; throw Error when it is absent or has another dtype
    // (`m.safetensors: tensor "fc.weight" is F64, expected F32`).
    std::vector<float> as_f32(std::string_view name) const;
    std::vector<double> as_f64(std::string_view name) const;
    // __metadata__, empty when the file has none.
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    // One metadata value; throws Error naming the file and the key when it is absent.
    const std::string& metadata_value(const std::string& key) const;

private:
    friend class SafetensorsParser;
    friend SafetensorsFile read_safetensors(const std::string& path);
    friend SafetensorsFile parse_safetensors(std::span<const std::byte> bytes, std::string_view source_name);
    std::string m_source;
    std::vector<SafetensorsTensor> m_tensors;
    std::unordered_map<std::string, std::size_t> m_index;   // name -> position in m_tensors
    std::map<std::string, std::string> m_metadata;
    std::vector<std::byte> m_data;                          // the data buffer
};

// Reads and checks a file (see the top of this header). Throws Error on any problem.
SafetensorsFile read_safetensors(const std::string& path);
// The same for bytes already in memory (fuzzing, tests); `source_name` starts every message.
SafetensorsFile parse_safetensors(std::span<const std::byte> bytes, std::string_view source_name);

// What a model needs from a file: used to refuse a checkpoint before any weight is touched.
struct ExpectedTensor {
    std::string name;
    Dtype dtype = Dtype::f32;
    std::vector<std::size_t> shape;
};

// Throws one Error listing every mismatch, first the missing tensors, then wrong dtypes and shapes,
// then the tensors the model does not have (at most 5 names per kind, then "and N more"):
// `checkpoint m.safetensors: tensor "fc.weight" has shape [1, 64], the model needs [1, 32]`.
// `role` names what the file is for ("checkpoint", "PyTorch weights").
void validate_expected(const SafetensorsFile& file, const std::vector<ExpectedTensor>& expected,
                       std::string_view role = "checkpoint");

struct TensorToWrite {
    std::string name;
    Dtype dtype = Dtype::f32;
    std::vector<std::size_t> shape;
    const void* data = nullptr;   // byte_count little-endian bytes, row-major; not copied
    std::size_t byte_count = 0;
};

// Writes tensors in the given order, contiguous from offset 0, after a compact header (metadata
// first, then the tensors in order) padded with spaces to a multiple of 8 bytes, as the reference
// implementation does. The file appears atomically (write_file_atomic): `path` holds either its old
// content or the complete new file. Throws Error naming the path and the tensor for a duplicate or
// reserved name, a byte count that does not match dtype x shape, or an I/O failure.
void write_safetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata);
// The same bytes in memory (tests, fuzz seeds).
std::vector<std::byte> serialize_safetensors(const std::vector<TensorToWrite>& tensors,
                                             const std::map<std::string, std::string>& metadata);

} // namespace lstmlab

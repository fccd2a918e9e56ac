// Writing safetensors: check the tensors, build the header, then stream header and data through
// write_file_atomic() without copying the tensors.
#include "engine/io/safetensors.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/json_utf8.h"
#include "engine/io/atomic_file.h"

#include <limits>
#include <unordered_set>

namespace lstmlab {

namespace {

constexpr std::size_t header_alignment = 8;   // the data buffer starts 8-byte aligned, as in the reference
constexpr std::uint64_t max_json_offset = 9007199254740991;   // 2^53 - 1: exact in a JSON number

// The 8-byte length field and the padded JSON header of a file holding `tensors` and `metadata`.
// `where` names the destination in messages.
std::string build_header(const std::vector<TensorToWrite>& tensors, const std::map<std::string, std::string>& metadata,
                         const std::string& where)
{
    Json header = Json::object();
    if (!metadata.empty()) {
        Json entries = Json::object();
        for (const auto& [key, value] : metadata) {
            if (find_utf8_problem(key) || find_utf8_problem(value))
                throw Error(where + ": the metadata entry " + std::to_string(entries.size() + 1) +
                            " (in key order) is not valid UTF-8");
            entries.set(key, value);
        }
        header.set("__metadata__", std::move(entries));
    }
    std::unordered_set<std::string_view> names;
    std::uint64_t offset = 0;
    for (std::size_t k = 0; k < tensors.size(); ++k) {
        const TensorToWrite& tensor = tensors[k];
        if (find_utf8_problem(tensor.name))
            throw Error(where + ": the name of tensor #" + std::to_string(k + 1) + " is not valid UTF-8");
        const std::string what = where + ": tensor " + describe_json(Json(tensor.name));
        if (tensor.name == "__metadata__")
            throw Error(where + ": \"__metadata__\" is reserved and cannot name a tensor");
        if (!names.insert(tensor.name).second)
            throw Error(what + " is given twice");
        std::size_t bytes = dtype_size(tensor.dtype);
        Json shape = Json::array();
        for (const std::size_t dim : tensor.shape) {
            if (dim > max_json_offset || (dim != 0 && bytes > std::numeric_limits<std::size_t>::max() / dim))
                throw Error(what + ": shape " + shape_text(tensor.shape) + " is too large");
            bytes *= dim;
            shape.push_back(dim);
        }
        if (bytes != tensor.byte_count)
            throw Error(what + ": shape " + shape_text(tensor.shape) + " of " + std::string(dtype_name(tensor.dtype)) +
                        " needs " + std::to_string(bytes) + " bytes, but " + std::to_string(tensor.byte_count) +
                        " were given");
        if (bytes > 0 && tensor.data == nullptr)
            throw Error(what + ": no data for its " + std::to_string(bytes) + " bytes");
        if (bytes > max_json_offset - offset)
            throw Error(what + ": the tensors exceed 2^53 - 1 bytes");
        Json entry = Json::object();
        entry.set("dtype", dtype_name(tensor.dtype));
        entry.set("shape", std::move(shape));
        entry.set("data_offsets", Json(Json::Array{offset, offset + bytes}));
        offset += bytes;
        header.set(tensor.name, std::move(entry));
    }
    std::string text = to_json(header);
    text.append((header_alignment - text.size() % header_alignment) % header_alignment, ' ');
    if (text.size() > safetensors_max_header_bytes)
        throw Error(where + ": the header would be " + std::to_string(text.size()) + " bytes, more than readers accept (" +
                    std::to_string(safetensors_max_header_bytes) + ")");
    std::string out(8, '\0');
    for (int k = 0; k < 8; ++k)   // little-endian u64
        out[static_cast<std::size_t>(k)] = static_cast<char>((text.size() >> (8 * k)) & 0xff);
    return out + text;
}

std::span<const std::byte> data_of(const TensorToWrite& tensor)
{
    return {static_cast<const std::byte*>(tensor.data), tensor.byte_count};
}

} // namespace

void write_safetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata)
{
    const std::string header = build_header(tensors, metadata, path);
    write_file_atomic(path, [&](AtomicFileWriter& writer) {
        writer.write(header);
        for (const auto& tensor : tensors)
            writer.write(data_of(tensor));
    });
}

std::vector<std::byte> serialize_safetensors(const std::vector<TensorToWrite>& tensors,
                                             const std::map<std::string, std::string>& metadata)
{
    const std::string header = build_header(tensors, metadata, "safetensors");
    std::vector<std::byte> out(reinterpret_cast<const std::byte*>(header.data()),
                               reinterpret_cast<const std::byte*>(header.data()) + header.size());
    for (const auto& tensor : tensors) {
        const auto bytes = data_of(tensor);
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return out;
}

} // namespace lstmlab

// safetensors dtypes, tensor access with dtype checks, and the check of a file against a model.
#include "engine/io/safetensors.h"

#include "engine/core/error.h"
#include "engine/core/json.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace lstmlab {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian and is copied as is: add byte swapping for this platform");

namespace {

struct DtypeInfo {
    Dtype dtype;
    std::string_view name;
    std::size_t size;
};

constexpr std::array<DtypeInfo, 15> dtype_table{{
    {Dtype::boolean, "BOOL", 1}, {Dtype::u8, "U8", 1},    {Dtype::i8, "I8", 1},    {Dtype::f8_e5m2, "F8_E5M2", 1},
    {Dtype::f8_e4m3, "F8_E4M3", 1}, {Dtype::i16, "I16", 2}, {Dtype::u16, "U16", 2}, {Dtype::f16, "F16", 2},
    {Dtype::bf16, "BF16", 2},    {Dtype::i32, "I32", 4},  {Dtype::u32, "U32", 4}, {Dtype::f32, "F32", 4},
    {Dtype::f64, "F64", 8},      {Dtype::i64, "I64", 8},  {Dtype::u64, "U64", 8},
}};

constexpr std::size_t max_shape_dims_shown = 16;
constexpr std::size_t max_names_listed = 5;

const DtypeInfo& info_of(Dtype dtype) { return dtype_table[static_cast<std::size_t>(dtype)]; }

std::string quoted_name(std::string_view name) { return describe_json(Json(name)); }

// `"a", "b" and 3 more` for a message.
std::string name_list(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t k = 0; k < names.size() && k < max_names_listed; ++k)
        out += (k > 0 ? ", " : "") + quoted_name(names[k]);
    if (names.size() > max_names_listed)
        out += " and " + std::to_string(names.size() - max_names_listed) + " more";
    return out;
}

template <typename Scalar>
std::vector<Scalar> copy_values(const SafetensorsFile& file, std::string_view name, Dtype wanted)
{
    const SafetensorsTensor* tensor = file.find(name);
    if (!tensor)
        throw Error(file.source_name() + ": no tensor named " + quoted_name(name));
    if (tensor->dtype != wanted)
        throw Error(file.source_name() + ": tensor " + quoted_name(name) + " is " + std::string(dtype_name(tensor->dtype)) +
                    ", expected " + std::string(dtype_name(wanted)));
    std::vector<Scalar> values(tensor->byte_count() / sizeof(Scalar));   // bounded by the file's size
    const auto bytes = file.bytes(*tensor);
    if (!bytes.empty())
        std::memcpy(values.data(), bytes.data(), bytes.size());
    return values;
}

} // namespace

std::string_view dtype_name(Dtype dtype) { return info_of(dtype).name; }
std::size_t dtype_size(Dtype dtype) { return info_of(dtype).size; }

std::optional<Dtype> parse_dtype(std::string_view name)
{
    for (const auto& info : dtype_table)
        if (info.name == name)
            return info.dtype;
    return std::nullopt;
}

std::string shape_text(const std::vector<std::size_t>& shape)
{
    std::string out = "[";
    for (std::size_t k = 0; k < shape.size(); ++k) {
        if (k == max_shape_dims_shown) {   // a hostile header may hold a million dimensions
            out += ", ... (" + std::to_string(shape.size()) + " dimensions)";
            break;
        }
        out += (k > 0 ? ", " : "") + std::to_string(shape[k]);
    }
    return out + "]";
}

const SafetensorsTensor* SafetensorsFile::find(std::string_view name) const
{
    const auto found = m_index.find(std::string(name));
    return found == m_index.end() ? nullptr : &m_tensors[found->second];
}

std::span<const std::byte> SafetensorsFile::bytes(const SafetensorsTensor& tensor) const
{
    return std::span<const std::byte>(m_data).subspan(tensor.begin, tensor.byte_count());
}

std::span<const std::byte> SafetensorsFile::bytes(std::string_view name) const
{
    const SafetensorsTensor* tensor = find(name);
    if (!tensor)
        throw Error(m_source + ": no tensor named " + quoted_name(name));
    return bytes(*tensor);
}

std::vector<float> SafetensorsFile::as_f32(std::string_view name) const { return copy_values<float>(*this, name, Dtype::f32); }
std::vector<double> SafetensorsFile::as_f64(std::string_view name) const
{
    return copy_values<double>(*this, name, Dtype::f64);
}

const std::string& SafetensorsFile::metadata_value(const std::string& key) const
{
    const auto found = m_metadata.find(key);
    if (found == m_metadata.end())
        throw Error(m_source + ": __metadata__ has no " + quoted_name(key) + " entry");
    return found->second;
}

void validate_expected(const SafetensorsFile& file, const std::vector<ExpectedTensor>& expected, std::string_view role)
{
    std::vector<std::string> missing;
    std::vector<std::string> mismatched;   // one clause per tensor of the wrong dtype or shape
    std::vector<std::string> wanted;
    for (const auto& need : expected) {
        wanted.push_back(need.name);
        const SafetensorsTensor* have = file.find(need.name);
        if (!have)
            missing.push_back(need.name);
        else if (have->dtype != need.dtype)
            mismatched.push_back("tensor " + quoted_name(need.name) + " has dtype " + std::string(dtype_name(have->dtype)) +
                                 ", the model needs " + std::string(dtype_name(need.dtype)));
        else if (have->shape != need.shape)
            mismatched.push_back("tensor " + quoted_name(need.name) + " has shape " + shape_text(have->shape) +
                                 ", the model needs " + shape_text(need.shape));
    }
    std::sort(wanted.begin(), wanted.end());
    std::vector<std::string> unexpected;
    for (const auto& tensor : file.tensors())
        if (!std::binary_search(wanted.begin(), wanted.end(), tensor.name))
            unexpected.push_back(tensor.name);

    std::vector<std::string> clauses;
    if (missing.size() == 1)
        clauses.push_back("tensor " + quoted_name(missing[0]) + " is missing");
    else if (!missing.empty())
        clauses.push_back(std::to_string(missing.size()) + " tensors are missing: " + name_list(missing));
    for (std::size_t k = 0; k < mismatched.size() && k < max_names_listed; ++k)
        clauses.push_back(mismatched[k]);
    if (mismatched.size() > max_names_listed)
        clauses.push_back(std::to_string(mismatched.size() - max_names_listed) + " more tensors have the wrong dtype or shape");
    if (unexpected.size() == 1)
        clauses.push_back("tensor " + quoted_name(unexpected[0]) + " is not part of the model");
    else if (!unexpected.empty())
        clauses.push_back(std::to_string(unexpected.size()) + " tensors are not part of the model: " + name_list(unexpected));
    if (clauses.empty())
        return;
    std::string message = std::string(role) + " " + file.source_name() + ": ";
    for (std::size_t k = 0; k < clauses.size(); ++k)
        message += (k > 0 ? "; " : "") + clauses[k];
    throw Error(message);
}

} // namespace lstmlab

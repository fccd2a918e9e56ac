// Reading safetensors: every check of the contract in safetensors.h, in the order the bytes arrive,
// so nothing is allocated from a number the file has not yet justified.
#include "engine/io/safetensors.h"

#include "engine/core/error.h"
#include "engine/core/json.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lstmlab {

namespace {

constexpr std::size_t length_field_bytes = 8;
constexpr std::string_view metadata_key = "__metadata__";

std::string offsets_text(std::size_t begin, std::size_t end)
{
    std::string text(1, '[');
    return text.append(std::to_string(begin)).append(", ").append(std::to_string(end)).append(1, ']');
}

std::uint64_t read_u64_le(std::span<const std::byte> bytes)
{
    std::uint64_t value = 0;
    for (int k = 7; k >= 0; --k)
        value = (value << 8) | std::to_integer<std::uint64_t>(bytes[static_cast<std::size_t>(k)]);
    return value;
}

// Closes a POSIX file descriptor when the reader leaves, also by exception.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Fills `out` completely; a short read (the file shrank) or an I/O error is an Error.
void read_exactly(int fd, std::span<std::byte> out, const std::string& path)
{
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t got = ::read(fd, out.data() + done, out.size() - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            throw Error(path + ": cannot read the file: " + errno_text(errno));
        if (got == 0)
            throw Error(path + ": the file ended early (did it change while being read?)");
        done += static_cast<std::size_t>(got);
    }
}

} // namespace

// Turns a header into tensors and metadata; a friend of SafetensorsFile.
class SafetensorsParser {
public:
    explicit SafetensorsParser(std::string_view source) : m_source(source) {}

    // Checks the length field against the file size; returns N, the header length.
    std::size_t header_length(std::span<const std::byte> first8, std::uint64_t file_size) const
    {
        const std::uint64_t n = read_u64_le(first8);
        if (n > safetensors_max_header_bytes)
            fail("header length " + std::to_string(n) + " exceeds the limit of " +
                 std::to_string(safetensors_max_header_bytes) + " bytes" + text_hint(first8));
        if (n > file_size - length_field_bytes)
            fail("header length " + std::to_string(n) + " runs past the end of the file (" +
                 std::to_string(file_size - length_field_bytes) + " bytes follow the length field)" +
                 text_hint(first8));
        return static_cast<std::size_t>(n);
    }

    // A CSV or JSON file given where a checkpoint belongs makes a nonsense length from its first
    // characters; say what the file really starts with.
    static std::string text_hint(std::span<const std::byte> first8)
    {
        std::string text;
        for (const std::byte b : first8) {
            const auto c = static_cast<unsigned char>(b);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0x7E)
                return {};
            text += char(c);
        }
        return "; the file starts with the text \"" + text + "\", so it is not a safetensors checkpoint";
    }

    void check_file_size(std::uint64_t file_size) const
    {
        if (file_size < length_field_bytes)
            fail("the file is " + std::to_string(file_size) +
                 " bytes long, too short for a safetensors file (at least 8 bytes)");
    }

    // Fills file.m_tensors, m_index and m_metadata from the header; `data_size` is the byte count
    // of the data buffer that follows it.
    void parse_header(std::span<const std::byte> header_bytes, std::uint64_t data_size, SafetensorsFile& file) const
    {
        const std::string_view header(reinterpret_cast<const char*>(header_bytes.data()), header_bytes.size());
        if (header.empty())
            fail("the header is empty (length 0)");
        if (header.front() != '{')
            fail("the header does not start with '{' (it starts with " + describe_byte(header.front()) + ")");
        const Json root = parse_json(header, std::string(m_source) + " header");
        for (const auto& member : root.members()) {
            if (member.key == metadata_key)
                read_metadata(member.value, file);
            else
                file.m_tensors.push_back(read_entry(member.key, member.value, data_size));
        }
        // File order is data order; a stable sort keeps the header order of equal spans.
        std::stable_sort(file.m_tensors.begin(), file.m_tensors.end(), [](const auto& a, const auto& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
        });
        check_tiling(file.m_tensors, data_size);
        for (std::size_t k = 0; k < file.m_tensors.size(); ++k)
            file.m_index.emplace(file.m_tensors[k].name, k);
    }

private:
    [[noreturn]] void fail(const std::string& reason) const { throw Error(std::string(m_source) + ": " + reason); }

    static std::string describe_byte(char c)
    {
        if (c > 0x20 && c < 0x7f)
            return std::string("'") + c + "'";
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "byte 0x%02X", static_cast<unsigned char>(c));
        return buffer;
    }

    std::string tensor_where(std::string_view name) const
    {
        return std::string(m_source) + ": tensor " + describe_json(Json(name));
    }

    void read_metadata(const Json& value, SafetensorsFile& file) const
    {
        const std::string where = std::string(m_source) + ": __metadata__";
        for (const auto& entry : get_object(value, where))
            file.m_metadata.emplace(entry.key, get_string(entry.value, json_member_path(where, entry.key)));
    }

    SafetensorsTensor read_entry(const std::string& name, const Json& value, std::uint64_t data_size) const
    {
        const std::string where = tensor_where(name);
        reject_unknown_keys(value, {"dtype", "shape", "data_offsets"}, where);
        SafetensorsTensor tensor;
        tensor.name = name;
        const std::string& dtype = get_string(get_member(value, "dtype", where), where + ": dtype");
        const auto parsed = parse_dtype(dtype);
        if (!parsed)
            fail("tensor " + describe_json(Json(name)) + ": unknown dtype " + describe_json(Json(dtype)) +
                 " (known: BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64)");
        tensor.dtype = *parsed;
        const auto& dims = get_array(get_member(value, "shape", where), where + ": shape");
        for (std::size_t k = 0; k < dims.size(); ++k)
            tensor.shape.push_back(get_uint64(dims[k], json_index_path(where + ": shape", k)));
        const auto& offsets = get_array(get_member(value, "data_offsets", where), where + ": data_offsets");
        if (offsets.size() != 2)
            fail("tensor " + describe_json(Json(name)) + ": data_offsets must be [begin, end], not " +
                 std::to_string(offsets.size()) + " numbers");
        tensor.begin = get_uint64(offsets[0], where + ": data_offsets[0]");
        tensor.end = get_uint64(offsets[1], where + ": data_offsets[1]");
        const std::string offsets_shown = offsets_text(tensor.begin, tensor.end);
        if (tensor.end < tensor.begin)
            fail("tensor " + describe_json(Json(name)) + ": data_offsets " + offsets_shown + " end before they begin");
        std::size_t bytes = dtype_size(tensor.dtype);
        for (const std::size_t dim : tensor.shape) {
            if (dim != 0 && bytes > std::numeric_limits<std::size_t>::max() / dim)
                fail("tensor " + describe_json(Json(name)) + ": shape " + shape_text(tensor.shape) + " of " +
                     std::string(dtype_name(tensor.dtype)) + " is too large (its byte size overflows 64 bits)");
            bytes *= dim;
        }
        if (bytes != tensor.byte_count())
            fail("tensor " + describe_json(Json(name)) + ": shape " + shape_text(tensor.shape) + " of " +
                 std::string(dtype_name(tensor.dtype)) + " needs " + std::to_string(bytes) +
                 " bytes, but data_offsets " + offsets_shown + " span " + std::to_string(tensor.byte_count()));
        if (tensor.end > data_size)
            fail("tensor " + describe_json(Json(name)) + ": data_offsets " + offsets_shown +
                 " run past the end of the data buffer (" + std::to_string(data_size) + " bytes)");
        return tensor;
    }

    // Sorted by begin, the spans must tile [0, data_size) exactly.
    void check_tiling(const std::vector<SafetensorsTensor>& tensors, std::uint64_t data_size) const
    {
        std::size_t cursor = 0;
        const SafetensorsTensor* previous = nullptr;
        for (const auto& tensor : tensors) {
            const std::string what = "tensor " + describe_json(Json(tensor.name)) + ": data_offsets " +
                                     offsets_text(tensor.begin, tensor.end);
            if (tensor.begin < cursor)
                fail(what + " overlap tensor " + describe_json(Json(previous->name)) + " " +
                     offsets_text(previous->begin, previous->end));
            if (tensor.begin > cursor)
                fail(what + " leave " + std::to_string(tensor.begin - cursor) + " bytes unused " +
                     (previous ? "after tensor " + describe_json(Json(previous->name)) + " " +
                                     offsets_text(previous->begin, previous->end)
                               : std::string("at the start of the data buffer")));
            cursor = tensor.end;
            previous = &tensor;
        }
        if (cursor < data_size)
            fail("the last " + std::to_string(data_size - cursor) + " bytes of the data buffer belong to no tensor");
    }

    std::string_view m_source;
};

SafetensorsFile parse_safetensors(std::span<const std::byte> bytes, std::string_view source_name)
{
    const SafetensorsParser parser(source_name);
    parser.check_file_size(bytes.size());
    const std::size_t n = parser.header_length(bytes.first(length_field_bytes), bytes.size());
    const std::size_t data_start = length_field_bytes + n;
    SafetensorsFile file;
    file.m_source = std::string(source_name);
    parser.parse_header(bytes.subspan(length_field_bytes, n), bytes.size() - data_start, file);
    file.m_data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(data_start), bytes.end());
    return file;
}

SafetensorsFile read_safetensors(const std::string& path)
{
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        throw Error(path + ": cannot open the file: " + errno_text(errno));
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        throw Error(path + ": cannot read the file: " + errno_text(errno));
    if (S_ISDIR(info.st_mode))
        throw Error(path + ": is a directory, not a safetensors file");
    if (!S_ISREG(info.st_mode))
        throw Error(path + ": is not a regular file");
    const auto file_size = static_cast<std::uint64_t>(info.st_size);
    const SafetensorsParser parser(path);
    parser.check_file_size(file_size);
    std::byte length_field[length_field_bytes];
    read_exactly(fd.get(), length_field, path);
    const std::size_t n = parser.header_length(length_field, file_size);
    std::vector<std::byte> header(n);   // n <= the cap and <= the file size, both checked
    read_exactly(fd.get(), header, path);
    SafetensorsFile file;
    file.m_source = path;
    const std::uint64_t data_size = file_size - length_field_bytes - n;
    parser.parse_header(header, data_size, file);
    file.m_data.resize(static_cast<std::size_t>(data_size));   // the file's real size, not a header number
    read_exactly(fd.get(), file.m_data, path);
    std::byte extra{};
    ssize_t got = 0;
    do {
        got = ::read(fd.get(), &extra, 1);
    } while (got < 0 && errno == EINTR);
    if (got != 0)
        throw Error(path + ": the file grew while being read (is another program writing it?)");
    return file;
}

} // namespace lstmlab

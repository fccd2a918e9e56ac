#include "test_support.h"
#include "test_files.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <limits>
#include <stdexcept>

namespace lstmlab::test {

std::string source_path(const std::string& relative)
{
    const char* root = std::getenv("LSTMLAB_SOURCE_DIR");
    std::filesystem::path base = root && *root ? std::filesystem::path(root) : std::filesystem::path(LSTMLAB_SOURCE_DIR);
    return (base / relative).string();
}

double max_mixed_error(const double* a, const double* b, std::size_t n)
{
    double worst = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!std::isfinite(a[k]) || !std::isfinite(b[k]))
            return std::numeric_limits<double>::infinity();
        const double scale = std::max({1.0, std::abs(a[k]), std::abs(b[k])});
        worst = std::max(worst, std::abs(a[k] - b[k]) / scale);
    }
    return worst;
}

double max_mixed_error(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return std::numeric_limits<double>::infinity();
    return max_mixed_error(a.data(), b.data(), a.size());
}

TempDir::TempDir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "lstmlab-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary directory");
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string read_file_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file_bytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string sample_csv_head(int rows)
{
    std::ifstream in(source_path("resources/data/ohlcv_sample.csv"), std::ios::binary);
    std::string line, text;
    for (int k = 0; k <= rows && std::getline(in, line); ++k)
        text += line + "\n";
    return text;
}

} // namespace lstmlab::test

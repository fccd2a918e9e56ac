// Test support: fuzzy comparison and paths shared by every suite.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lstmlab::test {

// Absolute path of a file in the source tree ("resources/data/ohlcv_sample.csv").
// Uses $LSTMLAB_SOURCE_DIR (set by CTest) or the directory this file was compiled from.
std::string source_path(const std::string& relative);

// Largest |a - b| / max(1, |a|, |b|) over two equally long arrays: an absolute error for values
// below 1 and a relative one above. Returns +inf when the sizes differ or a value is not finite.
double max_mixed_error(const double* a, const double* b, std::size_t n);
double max_mixed_error(const std::vector<double>& a, const std::vector<double>& b);

// A fresh, empty directory under the system temp dir, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

} // namespace lstmlab::test

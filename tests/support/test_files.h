// Test support: whole files as bytes, and the head of the bundled sample.
#pragma once

#include <string>

namespace lstmlab::test {

// A whole file's bytes ("" when it cannot be read), and writing them (creating or truncating).
std::string read_file_bytes(const std::string& path);
void write_file_bytes(const std::string& path, const std::string& bytes);

// The header and the first `rows` data rows of the bundled OHLCV sample, as text.
std::string sample_csv_head(int rows);

} // namespace lstmlab::test

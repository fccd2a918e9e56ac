// Shared by the fault-injection suites: a small training CSV, the CLI's training arguments, file
// listings and checkpoint comparisons.
#pragma once

#include "engine/io/atomic_file.h"
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "test_support.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace lstmlab::test {

inline std::string read_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline bool exists(const std::string& path) { return std::filesystem::exists(path); }

// The first `rows` data rows of the bundled OHLCV sample, written to `path`.
inline void write_sample_head(const std::string& path, int rows)
{
    std::ifstream in(source_path("resources/data/ohlcv_sample.csv"), std::ios::binary);
    std::ofstream out(path, std::ios::binary);
    std::string line;
    for (int k = 0; k <= rows && std::getline(in, line); ++k)
        out << line << '\n';
}

// Names of the atomic writer's temporary files in `dir` (".<name>.<16 hex>.lstmlab-tmp").
inline std::vector<std::string> temp_files(const std::string& dir)
{
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".lstmlab-tmp"))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Every entry of `dir`, sorted (hidden files included).
inline std::vector<std::string> listing(const std::string& dir)
{
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Loads a checkpoint, or nullopt with the reason in `why`.
inline std::optional<Checkpoint> try_load(const std::string& path, std::string* why = nullptr)
{
    try {
        return load_checkpoint(path);
    } catch (const Error& error) {
        if (why)
            *why = error.what();
        return std::nullopt;
    }
}

// Bitwise equality of doubles (NaN equals NaN, -0 differs from 0): "nothing changed".
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The loss record of an epoch without its wall-clock time.
inline bool same_losses(const EpochRecord& a, const EpochRecord& b)
{
    return a.epoch == b.epoch && same_bits(a.train_loss, b.train_loss) && same_bits(a.validation_loss, b.validation_loss) &&
           same_bits(a.learning_rate, b.learning_rate) && same_bits(a.gradient_norm, b.gradient_norm);
}

// Every tensor of two safetensors files, bit for bit (metadata not compared).
inline bool same_tensors(const std::string& a, const std::string& b)
{
    const SafetensorsFile fa = read_safetensors(a);
    const SafetensorsFile fb = read_safetensors(b);
    if (fa.tensors().size() != fb.tensors().size())
        return false;
    for (const SafetensorsTensor& t : fa.tensors()) {
        const SafetensorsTensor* other = fb.find(t.name);
        if (!other || other->shape != t.shape || other->dtype != t.dtype)
            return false;
        const auto x = fa.bytes(t);
        const auto y = fb.bytes(*other);
        if (x.size() != y.size() || (!x.empty() && std::memcmp(x.data(), y.data(), x.size()) != 0))
            return false;
    }
    return true;
}

} // namespace lstmlab::test

#include "app/cli/output_paths.h"

#include "app/cli/arguments.h"
#include "engine/io/file_identity.h"

#include <algorithm>
#include <filesystem>

namespace lstmlab::cli {
namespace {

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

bool is_allowed(const std::string& a, const std::string& b, const std::vector<std::pair<std::string, std::string>>& allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](const auto& pair) {
        return (pair.first == a && pair.second == b) || (pair.first == b && pair.second == a);
    });
}

// The sentence for `writer` (an output) meeting `other` (an input or another output).
[[noreturn]] void refuse(const PathUse& writer, const PathUse& other)
{
    const std::string both = writer.label + " " + quoted(writer.path) + " and " + other.label + " " + quoted(other.path);
    if (writer.kind == PathUse::Kind::write_inside)
        throw UsageError(other.label + " " + quoted(other.path) + " lies inside " + writer.label + " " +
                         quoted(writer.path) + ", whose " + writer.prefix + "* folders the command writes; " +
                         (other.kind == PathUse::Kind::read ? "move the file or choose another " + writer.advice_option()
                                                            : "choose another " + writer.advice_option()));
    if (other.kind == PathUse::Kind::read)
        throw UsageError(both + " name the same file, which the command reads and would overwrite; choose another " +
                         writer.advice_option());
    throw UsageError(both + " name the same file; give each output its own file");
}

bool collide(const PathUse& writer, const PathUse& other)
{
    if (writer.kind == PathUse::Kind::write_inside)
        return inside_folder(other.path, writer.path, writer.prefix);
    return other.kind != PathUse::Kind::write_inside && same_file(writer.path, other.path);
}

} // namespace

void check_output_file(const std::string& option, const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (path.empty())
        throw UsageError("--" + option + ": the file name is empty");
    if (fs::is_directory(path, error))
        throw UsageError("--" + option + ": \"" + path + "\" is a directory; give a file name");
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, error))
        throw UsageError("--" + option + ": directory \"" + parent.string() + "\" does not exist");
}

void check_run_folder(const std::string& path, bool resuming, const std::string& option)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::exists(path, error)) {
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, error))
            throw UsageError("--" + option + ": directory \"" + parent.string() + "\" does not exist");
        return;
    }
    if (!fs::is_directory(path, error))
        throw UsageError("--" + option + ": \"" + path + "\" exists and is not a directory");
    if (!resuming && fs::exists(fs::path(path) / "run.json", error))
        throw UsageError("--" + option + ": \"" + path + "\" already holds a run; choose a new folder or add --resume");
}

void check_paths_distinct(const std::vector<PathUse>& uses, const std::vector<std::pair<std::string, std::string>>& allowed)
{
    for (std::size_t a = 0; a < uses.size(); ++a)
        for (std::size_t b = 0; b < uses.size(); ++b) {
            const PathUse& writer = uses[a];
            const PathUse& other = uses[b];
            if (a == b || writer.kind == PathUse::Kind::read || writer.label == other.label)
                continue;
            if (other.kind != PathUse::Kind::read && b < a && writer.kind == other.kind)
                continue;   // two outputs of one kind: reported once, in the order given
            if (!is_allowed(writer.label, other.label, allowed) && collide(writer, other))
                refuse(writer, other);
        }
}

std::vector<PathUse> run_folder_uses(const std::string& option, const std::string& folder)
{
    namespace fs = std::filesystem;
    std::vector<PathUse> uses;
    for (const char* name : {"run.json", "metrics.csv"})
        uses.push_back({option, (fs::path(folder) / name).string(), PathUse::Kind::write, {}});
    return uses;
}

} // namespace lstmlab::cli

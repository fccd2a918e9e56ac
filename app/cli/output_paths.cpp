#include "app/cli/output_paths.h"

#include "app/cli/arguments.h"

#include <filesystem>

namespace lstmlab::cli {

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

void check_run_folder(const std::string& path, bool resuming)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::exists(path, error)) {
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, error))
            throw UsageError("--run-dir: directory \"" + parent.string() + "\" does not exist");
        return;
    }
    if (!fs::is_directory(path, error))
        throw UsageError("--run-dir: \"" + path + "\" exists and is not a directory");
    if (!resuming && fs::exists(fs::path(path) / "run.json", error))
        throw UsageError("--run-dir: \"" + path + "\" already holds a run; choose a new folder or add --resume");
}

} // namespace lstmlab::cli

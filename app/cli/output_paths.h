// Checks on the files a command reads and writes, made BEFORE any work so that a usage error creates
// nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lstmlab::cli {

// `path` may be written: its directory exists and it is not itself a directory. Throws UsageError
// naming `option` ("--out: directory \"runs/x\" does not exist").
void check_output_file(const std::string& option, const std::string& path);

// A run folder: absent (created later), or an existing directory. `resuming` allows one that already
// holds a run; a fresh run refuses it rather than mixing two runs' metrics. `option` names it in
// messages ("--run-dir", "--trials-dir").
void check_run_folder(const std::string& path, bool resuming, const std::string& option = "run-dir");

// One file a command reads or writes, for check_paths_distinct.
struct PathUse {
    enum class Kind {
        read,          // an input
        write,         // an output file
        write_inside,  // an output folder: every file under `path` whose first name starts with `prefix`
    };
    std::string label;   // how the message names it: "--out", "--out's summary file"
    std::string path;    // as the user gave it (shown in the message)
    Kind kind = Kind::read;
    std::string prefix;  // write_inside only
    std::string option;  // the option to change, when not `label` ("--out" for "--out's summary file")
    const std::string& advice_option() const { return option.empty() ? label : option; }
};

// Refuses, with UsageError (exit 2) and one sentence naming both options, any output that is the same
// file as an input or as another output: same device and inode where the file exists, the same
// resolved path otherwise (symlinks, hard links, "./" and ".." see through), or an input or output
// inside an output folder's written part. `allowed` lists label pairs that may name the same file
// (train's --resume CKPT --out CKPT continues a run in place: the checkpoint is read whole first).
void check_paths_distinct(const std::vector<PathUse>& uses,
                          const std::vector<std::pair<std::string, std::string>>& allowed = {});

// The files a run folder writes (run.json and metrics.csv), labelled with `option`.
std::vector<PathUse> run_folder_uses(const std::string& option, const std::string& folder);

} // namespace lstmlab::cli

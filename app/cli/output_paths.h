// Checks on the files a command will write, made BEFORE any work so that a usage error creates nothing.
#pragma once

#include <string>

namespace lstmlab::cli {

// `path` may be written: its directory exists and it is not itself a directory. Throws UsageError
// naming `option` ("--out: directory \"runs/x\" does not exist").
void check_output_file(const std::string& option, const std::string& path);

// A run folder: absent (created later), or an existing directory. `resuming` allows one that already
// holds a run; a fresh run refuses it rather than mixing two runs' metrics.
void check_run_folder(const std::string& path, bool resuming);

} // namespace lstmlab::cli

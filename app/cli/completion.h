// `lstmlab-cli completion bash`: a bash completion script generated from the commands' option tables,
// the same tables Arguments parses with, so a new option or value completes without editing a script.
// Completes the command names, each command's options, the values of options with a fixed set of
// values (--cell lstm|gru, --preset NAME, ...), files for FILE.csv / GRID.json / CKPT options and
// directories for DIR options.
#pragma once

#include "app/cli/commands.h"

#include <string>
#include <vector>

namespace lstmlab::cli {

// The script: defines _lstmlab_cli and registers it for lstmlab-cli (`complete -F`).
std::string bash_completion(const std::vector<Command>& commands);

} // namespace lstmlab::cli

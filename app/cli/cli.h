// lstmlab-cli: the headless front end of the engine (DESIGN.md "Command line").
// Exit codes: 0 success; 1 the work failed (bad data, training diverged, I/O); 2 usage or
// configuration error (nothing created); 130 interrupted by Ctrl-C.
#pragma once

#include <string>
#include <vector>

namespace lstmlab::cli {

constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr int exit_interrupted = 130;

int run_cli(const std::vector<std::string>& argv);

// "0.1.0": the project version, stored in every checkpoint and run folder.
std::string app_version();

} // namespace lstmlab::cli

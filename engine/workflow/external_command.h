// Running an external program (sbatch, squeue, sacct, scancel) and capturing what it printed.
// The program is started with posix_spawnp from an argv -- no shell, so no quoting or injection --
// found on PATH, with the caller's environment; stdout and stderr are read to the end through pipes.
#pragma once

#include <string>
#include <vector>

namespace lstmlab {

struct CommandOutput {
    bool started = false;      // false: the program could not be started (`error` says why)
    int exit_code = -1;        // the exit status; 128 + N when killed by signal N
    std::string out;           // stdout
    std::string err;           // stderr
    std::string error;         // "no such program on PATH" and the like, when !started
    bool succeeded() const { return started && exit_code == 0; }
};

// Runs argv[0] with argv (stdin from /dev/null) and waits for it.
CommandOutput run_command(const std::vector<std::string>& argv);

// True when `program` names an executable on PATH (or is an executable path).
bool program_on_path(const std::string& program);

} // namespace lstmlab

// The last resort of lstmlab-cli: an exception that escapes every handler (one thrown on a worker
// thread, one main did not expect) prints ONE sentence and exits 1, instead of the C++ runtime's
// "terminate called after throwing an instance of ..." and SIGABRT (exit 134).
#pragma once

namespace lstmlab::cli {

// std::set_terminate with the handler below.
void install_last_resort();

// Prints `lstmlab-cli: internal error: WHAT; nothing more was done (please report this)` to stderr
// and ends the process with exit code 1 (no destructors, no atexit: the state is unknown).
[[noreturn]] void last_resort(const char* what);

} // namespace lstmlab::cli

// Ctrl-C and SIGTERM for long commands: the first signal sets a flag that the training callback
// checks after every batch (the run then stops cleanly, saves, and exits 130); a second signal
// ends the process at once with the default action.
#pragma once

namespace lstmlab::cli {

// Installs the handlers (idempotent).
void install_interrupt_handlers();
bool interrupt_requested();

} // namespace lstmlab::cli

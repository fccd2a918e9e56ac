// Ctrl-C and SIGTERM for long commands: the first signal sets a flag that the training callback
// checks after every batch (the run then stops cleanly, saves, and exits 130); a second signal
// ends the process at once with the default action.
#pragma once

#include <atomic>
#include <thread>

namespace lstmlab::cli {

// Installs the handlers (idempotent).
void install_interrupt_handlers();
bool interrupt_requested();

// While it lives, a thread turns a signal into `cancel` (the flag the engine's callbacks check),
// checking every 50 ms. Installs the handlers.
class CancelOnInterrupt {
public:
    explicit CancelOnInterrupt(std::atomic<bool>& cancel);
    ~CancelOnInterrupt();
    CancelOnInterrupt(const CancelOnInterrupt&) = delete;
    CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

private:
    std::atomic<bool> m_watching{true};
    std::thread m_thread;
};

} // namespace lstmlab::cli

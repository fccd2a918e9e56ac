#include "app/cli/interrupt.h"

#include <chrono>
#include <csignal>

namespace lstmlab::cli {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal)
{
    if (g_signal != 0) {   // the second one: give up at once
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    g_signal = signal;
}

} // namespace

void install_interrupt_handlers()
{
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;   // no SA_RESTART: a blocking read returns early
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return g_signal != 0; }

CancelOnInterrupt::CancelOnInterrupt(std::atomic<bool>& cancel)
{
    install_interrupt_handlers();
    m_thread = std::thread([this, &cancel] {
        while (m_watching.load()) {
            if (interrupt_requested())
                cancel.store(true);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
}

CancelOnInterrupt::~CancelOnInterrupt()
{
    m_watching.store(false);
    m_thread.join();
}

} // namespace lstmlab::cli

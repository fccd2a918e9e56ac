#include "app/cli/progress.h"

#include "engine/nn/summary.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace lstmlab::cli {
namespace {

double now_seconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string loss_text(double value)
{
    if (!std::isfinite(value))
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.5g", value);
    return text;
}

} // namespace

std::string format_duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const long total = std::lround(seconds);
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

ProgressPrinter::ProgressPrinter(bool quiet) : m_terminal(::isatty(STDERR_FILENO) != 0), m_quiet(quiet) {}

void ProgressPrinter::update(const TrainProgress& p)
{
    if (m_quiet)
        return;
    const std::string rate = group_thousands(std::llround(p.samples_per_second));
    if (!m_terminal) {
        if (p.epoch_end) {
            const double seconds = p.state && !p.state->history.empty() ? p.state->history.back().seconds : 0;
            std::fprintf(stderr, "epoch %d/%d  loss %s  val %s  lr %.3g  |g| %s  %s samples/s  %.1f s  ETA %s\n",
                         p.epoch, p.epochs, loss_text(p.train_loss).c_str(), loss_text(p.validation_loss).c_str(),
                         p.learning_rate, loss_text(p.gradient_norm).c_str(), rate.c_str(), seconds,
                         format_duration(p.eta_seconds).c_str());
            std::fflush(stderr);
        }
        return;
    }
    const double now = now_seconds();
    if (!p.epoch_end && now - m_last_draw < 0.1)
        return;   // at most ten redraws a second
    m_last_draw = now;
    constexpr int width = 20;
    const double fraction = p.batches > 0 ? double(p.batch) / p.batches : 0;
    const int filled = int(std::lround(fraction * width));
    std::string bar(std::size_t(filled), '#');
    bar.resize(width, '-');
    std::fprintf(stderr, "\r\033[Kepoch %d/%d [%s] %3d%%  loss %s  val %s  %s samples/s  ETA %s", p.epoch, p.epochs,
                 bar.c_str(), int(std::lround(fraction * 100)), loss_text(p.train_loss).c_str(),
                 loss_text(p.validation_loss).c_str(), rate.c_str(), format_duration(p.eta_seconds).c_str());
    m_bar_open = true;
    if (p.epoch_end) {
        std::fputc('\n', stderr);
        m_bar_open = false;
    }
    std::fflush(stderr);
}

void ProgressPrinter::finish()
{
    if (m_bar_open) {
        std::fputc('\n', stderr);
        m_bar_open = false;
    }
}

} // namespace lstmlab::cli

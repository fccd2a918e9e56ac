// Training progress on stderr: a one-line bar redrawn in place on a terminal, one line per epoch
// in a pipe or file (so logs stay readable).
//   terminal: epoch 3/50 [########------------]  41%  loss 0.01234  val 0.01456  8,412 samples/s  ETA 2:13
//   pipe:     epoch 3/50  loss 0.01234  val 0.01456  lr 0.001  |g| 0.81  8,412 samples/s  4.1 s  ETA 2:13
#pragma once

#include "engine/train/train_config.h"

namespace lstmlab::cli {

class ProgressPrinter {
public:
    explicit ProgressPrinter(bool quiet);
    void update(const TrainProgress& progress);
    // Ends the bar's line (call before printing anything else).
    void finish();

private:
    bool m_terminal;
    bool m_quiet;
    bool m_bar_open = false;
    double m_last_draw = -1;
};

// 133 -> "2:13", 4000 -> "1:06:40".
std::string format_duration(double seconds);

} // namespace lstmlab::cli

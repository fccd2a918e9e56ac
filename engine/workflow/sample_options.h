// The run the bundled seasonal sample (resources/data/co2.csv: monthly CO2 at Mauna Loa, 1959-1997)
// opens with, on the workbench's first start, in `make run`'s headless demo and in its test: one
// LSTM layer of 16 units with attention over windows of 13 months, log returns of CO2 as input and
// target, 60 epochs. With a window just over a season, the attention puts its weight on the month one
// season before the predicted one (README "Sample data" gives the measured weights).
#pragma once

#include "engine/workflow/run_options.h"

namespace lstmlab {

// As lstmlab-cli options (names without "--"; flags with an empty value).
OptionValues seasonal_sample_options();

} // namespace lstmlab

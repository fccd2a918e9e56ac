#include "engine/workflow/sample_options.h"

namespace lstmlab {

OptionValues seasonal_sample_options()
{
    return {{"target", "CO2"},        {"target-transform", "logreturn"}, {"feature-transform", "logreturn"},
            {"seq-len", "13"},        {"hidden", "16"},                  {"attention", ""},
            {"epochs", "60"}};
}

} // namespace lstmlab

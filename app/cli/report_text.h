// The evaluation report of `lstmlab-cli evaluate`: aligned tables for a terminal, or JSON.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/train/forecast.h"

#include <string>

namespace lstmlab::cli {

std::string evaluation_text(const PreparedData& data, const EvaluationReport& report);
std::string evaluation_json(const PreparedData& data, const EvaluationReport& report);

} // namespace lstmlab::cli

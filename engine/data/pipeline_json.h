// FittedPipeline <-> JSON: the `data` entry of a checkpoint's metadata (DESIGN.md "Checkpoint").
//
// {"format": "lstmlab-pipeline", "version": 1,
//  "features": [{"column": "Close", "transform": "logreturn", "offset": 0.0004, "scale": 0.021}, ...],
//  "target": {"column": "Close", "transform": "logreturn", "offset": ..., "scale": ..., "training_mean": ...},
//  "sequence_length": 20, "horizon": 1, "split": {"train": 0.7, "validation": 0.15, "test": 0.15},
//  "scaler": "zscore", "missing": "error", "time_column": "Date" | null,
//  "csv": {"delimiter": ";", "decimal": ",", "thousands": "auto", "time_format": "DMY", "duplicates": "error",
//          "encoding": "utf8"}   (the settled import options; absent in older checkpoints: the defaults),
//  "source": {"file": "ohlcv.csv", "sha256": "73f7...", "rows": 5550},
//  "windows": {"candidates": N, "train": {"first_end": t, "count": c, "dropped": d}, "validation": ..., "test": ...}}
// Numbers are written in the shortest form that reads back to the same double, so
// from_json(to_json(p)) reproduces every statistic bit for bit. Reading is strict: unknown keys,
// wrong types, a wrong format or version, non-positive scales, or a statistics count that does not
// match the features are errors naming the key path.
#pragma once

#include "engine/core/json.h"
#include "engine/data/pipeline.h"

#include <string>
#include <string_view>

namespace lstmlab {

Json pipeline_to_json_value(const FittedPipeline& pipeline);
std::string to_json(const FittedPipeline& pipeline, bool pretty = false);

// `where` prefixes messages (e.g. "checkpoint.__metadata__.data").
FittedPipeline pipeline_from_json_value(const Json& value, std::string_view where);
// Parses the text (messages start with `source`) and reads it.
FittedPipeline pipeline_from_json(std::string_view text, std::string_view source);

} // namespace lstmlab

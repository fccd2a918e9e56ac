// Experiment: everything needed to reproduce a workbench session, as one JSON file.
//
// {"format": "lstmlab-experiment", "version": 1,
//  "data": {"path": "/abs/ohlcv.csv", "sha256": "73f7…"},
//  "pipeline": {"features": [{"column": "Close", "transform": "logreturn"}, …],
//               "target": {"column": "Close", "transform": "logreturn"},
//               "sequence_length": 20, "horizon": 1, "split": {"train": 0.7, "validation": 0.15, "test": 0.15},
//               "scaler": "zscore", "missing": "error"},
//  "model": <ModelSpec JSON, model_spec_json.h>, "train": <TrainConfig JSON, train_json.h>,
//  "checkpoint": "run.safetensors" | null}
// The checkpoint path is stored relative to the experiment file's folder when it lies inside it,
// so a folder of experiment + checkpoint can be moved. Reading is strict (unknown keys, wrong types
// and a wrong format are errors naming the key path); writing is atomic (write_file_atomic).
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"

#include <QString>

#include <string>
#include <string_view>

namespace lstmlab::ui {

struct Experiment {
    QString dataPath;
    std::string dataSha256;        // of the data file when the experiment was saved (may be empty)
    PipelineConfig pipeline;
    ModelSpec spec;
    TrainConfig train;
    QString checkpointPath;        // absolute; empty when no model was saved
};

std::string experimentToJson(const Experiment& experiment, const QString& experimentPath);
// `experimentPath` names the file in messages and anchors a relative checkpoint path.
Experiment experimentFromJson(std::string_view text, const QString& experimentPath);

void saveExperiment(const QString& path, const Experiment& experiment);
Experiment loadExperiment(const QString& path);

} // namespace lstmlab::ui

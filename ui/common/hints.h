// Hyperparameter hints: the tutorial's recommended ranges (tutorial-03, "超参数选择指南"), and how a
// value compares with them.
//
//   hidden size 32-512 (start 64-128)   layers 1-4 (start 2)         dropout 0-0.5 (start 0.1-0.3)
//   learning rate 1e-4 - 1e-3 (1e-3)    batch 16-256 (start 32-64)   sequence length 10-60 (start 20)
//   horizon 1-20 (start 1)              epochs 1-500 (start 50)
// A value inside its range is Ok; outside it but allowed by the engine it is Unusual (shown amber:
// the user may have a reason); a value the engine refuses is Invalid (blocked, with the reason).
#pragma once

#include <QString>

class QLabel;

namespace lstmlab::ui {

enum class Setting { HiddenSize, Layers, Dropout, LearningRate, BatchSize, SequenceLength, Horizon, Epochs };

enum class HintLevel { Ok, Unusual, Invalid };

struct Hint {
    HintLevel level = HintLevel::Ok;
    QString text;   // the recommendation, or why the value is unusual / invalid
};

struct RecommendedRange {
    double low = 0;
    double high = 0;
    QString start;  // "64-128"
};

RecommendedRange recommendedRange(Setting setting);

// `layers` matters for dropout only (inter-layer dropout needs two or more layers).
Hint hintFor(Setting setting, double value, int layers = 2);

// The colour a field's frame takes for a level: none, amber, red (style sheet fragment).
QString hintStyle(HintLevel level);

// The line shown under every form that uses those frames, so their meaning is not a tooltip only.
QString hintLegend();
QLabel* makeHintLegendLabel();

} // namespace lstmlab::ui

#include "ui/common/hints.h"

#include <QLabel>

#include <cmath>

namespace lstmlab::ui {
namespace {

QString settingName(Setting setting)
{
    switch (setting) {
    case Setting::HiddenSize: return QStringLiteral("hidden size");
    case Setting::Layers: return QStringLiteral("layers");
    case Setting::Dropout: return QStringLiteral("dropout");
    case Setting::LearningRate: return QStringLiteral("learning rate");
    case Setting::BatchSize: return QStringLiteral("batch size");
    case Setting::SequenceLength: return QStringLiteral("sequence length");
    case Setting::Horizon: return QStringLiteral("horizon");
    case Setting::Epochs: return QStringLiteral("epochs");
    }
    return {};
}

QString number(double value) { return QString::number(value, 'g', 6); }

// The engine's hard limits (ModelSpec::validate, TrainConfig::validate, validate_pipeline_config).
QString invalidReason(Setting setting, double value, int layers)
{
    switch (setting) {
    case Setting::HiddenSize:
        return value < 1 || value > 4096 ? QStringLiteral("a layer needs 1 to 4096 units") : QString();
    case Setting::Layers:
        return value < 1 || value > 8 ? QStringLiteral("the model needs 1 to 8 layers") : QString();
    case Setting::Dropout:
        if (!(value >= 0 && value < 1))
            return QStringLiteral("dropout is a probability in [0, 1)");
        if (value > 0 && layers < 2)
            return QStringLiteral("inter-layer dropout needs two or more layers (this model has one)");
        return {};
    case Setting::LearningRate:
        return !(value > 0) || !std::isfinite(value) ? QStringLiteral("the learning rate must be positive") : QString();
    case Setting::BatchSize:
        return value < 1 || value > 65536 ? QStringLiteral("the batch size must be 1 to 65536") : QString();
    case Setting::SequenceLength:
    case Setting::Horizon:
    case Setting::Epochs:
        return value < 1 ? settingName(setting) + QStringLiteral(" must be at least 1") : QString();
    }
    return {};
}

} // namespace

RecommendedRange recommendedRange(Setting setting)
{
    switch (setting) {
    case Setting::HiddenSize: return {32, 512, QStringLiteral("64-128")};
    case Setting::Layers: return {1, 4, QStringLiteral("2")};
    case Setting::Dropout: return {0, 0.5, QStringLiteral("0.1-0.3")};
    case Setting::LearningRate: return {1e-4, 1e-3, QStringLiteral("1e-3")};
    case Setting::BatchSize: return {16, 256, QStringLiteral("32-64")};
    case Setting::SequenceLength: return {10, 60, QStringLiteral("20")};
    case Setting::Horizon: return {1, 20, QStringLiteral("1")};
    case Setting::Epochs: return {1, 500, QStringLiteral("50")};
    }
    return {};
}

Hint hintFor(Setting setting, double value, int layers)
{
    const QString invalid = invalidReason(setting, value, layers);
    if (!invalid.isEmpty())
        return {HintLevel::Invalid, invalid};
    const RecommendedRange range = recommendedRange(setting);
    const QString recommended = QStringLiteral("recommended %1-%2, start with %3")
                                    .arg(number(range.low), number(range.high), range.start);
    // A relative tolerance so that 1e-3 typed as 0.001 is inside [1e-4, 1e-3].
    const double slack = 1e-9 * std::max(1.0, std::abs(range.high));
    if (value < range.low - slack || value > range.high + slack)
        return {HintLevel::Unusual, QStringLiteral("%1 %2 is outside the usual range (%3)")
                                        .arg(settingName(setting), number(value), recommended)};
    return {HintLevel::Ok, recommended};
}

QString hintLegend()
{
    return QObject::tr("<span style='color:#b07000'>■</span> amber frame: outside the tutorial's recommended range "
                       "(allowed; hover for the range) · <span style='color:#d04040'>■</span> red frame: not allowed");
}

QLabel* makeHintLegendLabel()
{
    auto* label = new QLabel(hintLegend());
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

QString hintStyle(HintLevel level)
{
    switch (level) {
    case HintLevel::Ok: return {};
    case HintLevel::Unusual: return QStringLiteral("border: 2px solid #e0a030; border-radius: 3px;");
    case HintLevel::Invalid: return QStringLiteral("border: 2px solid #d04040; border-radius: 3px;");
    }
    return {};
}

} // namespace lstmlab::ui

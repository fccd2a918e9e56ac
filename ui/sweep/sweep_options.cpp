#include "ui/sweep/sweep_options.h"

#include "engine/core/error.h"

#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <set>

namespace lstmlab::ui {
namespace {

// Shortest text that reads back to the same double (what the sweep reader writes for a number).
std::string number(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

std::string checkedColumn(const std::string& name)
{
    if (name.find_first_of(",=") != std::string::npos)
        throw Error("column \"" + name + "\": a name with a comma or '=' cannot be passed to a sweep (rename the column)");
    return name;
}

// Three significant digits, for the learning rates a sweep suggests.
double rounded(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return std::strtod(text, nullptr);
}

bool isFlag(const std::string& name) { return name == "bidirectional" || name == "attention"; }

bool isText(const std::string& name)
{
    static const std::set<std::string> texts{"preset", "cell", "target", "features", "transforms", "target-transform",
                                             "feature-transform", "scaler", "missing", "loss", "split"};
    return texts.count(name) > 0;
}

QString quoted(const std::string& text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : QString::fromStdString(text)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

QString jsonValue(const std::string& name, const std::string& text)
{
    if (isFlag(name))
        return text == "false" ? QStringLiteral("false") : QStringLiteral("true");
    if (isText(name))
        return quoted(text);
    if (text.find(',') != std::string::npos)   // hidden: "64,32" -> [64, 32]
        return QLatin1Char('[') + QString::fromStdString(text).split(QLatin1Char(',')).join(QStringLiteral(", ")) + QLatin1Char(']');
    return QString::fromStdString(text);
}

OptionValues without(const OptionValues& options, const std::set<std::string>& names)
{
    OptionValues out;
    for (const auto& option : options)
        if (!names.count(option.first))
            out.push_back(option);
    return out;
}

QString sweepText(const QString& mode, int seeds, const OptionValues& fixed, const QString& body)
{
    return QStringLiteral("{\n  \"mode\": \"%1\",\n  \"seeds\": %2,\n  \"fixed\": {\n%3\n  },\n%4\n}\n")
        .arg(mode)
        .arg(seeds)
        .arg(optionsJson(fixed, QStringLiteral("    ")), body);
}

} // namespace

OptionValues dataOptions(const PipelineConfig& config)
{
    checkedColumn(config.target.column);
    for (const ChannelConfig& channel : config.features)
        checkedColumn(channel.column);
    return options_in_group(run_option_texts({config, {}, {}}), OptionGroup::data);
}

OptionValues modelOptions(const ModelSpec& spec)
{
    return options_in_group(run_option_texts({{}, spec, {}}), OptionGroup::model);
}

OptionValues trainingOptions(const TrainConfig& config)
{
    return without(options_in_group(run_option_texts({{}, {}, config}), OptionGroup::training), {"threads"});
}

OptionValues sweepBaseOptions(const PipelineConfig& config, const SweepSpec& spec)
{
    std::set<std::string> set;
    for (const auto& [name, text] : spec.fixed)
        set.insert(name);
    for (const auto& [name, texts] : spec.grid)
        set.insert(name);
    for (const RandomDimension& dimension : spec.space)
        set.insert(dimension.name);
    for (const OptionValues& configuration : spec.configurations)
        for (const auto& [name, text] : configuration)
            set.insert(name);
    // Per-column transforms name the features: they go with the features the file chooses.
    if (set.count("features") || set.count("feature-transform"))
        set.insert("transforms");
    return without(dataOptions(config), set);
}

QString sweepTextFromCurrent(const ModelSpec& spec, const TrainConfig& config)
{
    OptionValues fixed = modelOptions(spec);
    for (const auto& option : without(trainingOptions(config), {"lr"}))
        fixed.push_back(option);
    const double lr = config.adam.learning_rate;
    const QString body = QStringLiteral("  \"grid\": {\n    \"lr\": [%1, %2, %3]\n  }")
                             .arg(QString::fromStdString(number(rounded(lr / 2))), QString::fromStdString(number(lr)),
                                  QString::fromStdString(number(rounded(lr * 2))));
    return sweepText(QStringLiteral("grid"), 2, fixed, body);
}

QString sweepTemplate(SweepMode mode, const OptionValues& fixed, int seeds)
{
    // What each example varies; "hidden" and "preset" would clash with hidden-size and layers.
    const std::set<std::string> sizes{"hidden", "preset", "hidden-size", "layers"};
    switch (mode) {
    case SweepMode::grid: {
        std::set<std::string> varied = sizes;
        varied.insert("lr");
        return sweepText(QStringLiteral("grid"), seeds, without(fixed, varied),
                         QStringLiteral("  \"grid\": {\n    \"hidden-size\": [32, 64],\n    \"lr\": [0.001, 0.0005]\n  }"));
    }
    case SweepMode::random: {
        std::set<std::string> varied = sizes;
        varied.insert("lr");
        return sweepText(QStringLiteral("random"), seeds, without(fixed, varied),
                         QStringLiteral("  \"random\": {\n    \"trials\": 8,\n    \"seed\": 7,\n    \"space\": {\n"
                                        "      \"lr\": {\"log_uniform\": [0.0001, 0.01]},\n"
                                        "      \"hidden-size\": {\"choice\": [16, 32, 64]},\n"
                                        "      \"layers\": {\"int\": [1, 2]}\n    }\n  }"));
    }
    case SweepMode::list: {
        std::set<std::string> varied = sizes;
        for (const char* name : {"dropout", "lr"})
            varied.insert(name);
        return sweepText(QStringLiteral("list"), seeds, without(fixed, varied),
                         QStringLiteral("  \"configurations\": [\n"
                                        "    {\"hidden-size\": 32, \"layers\": 1, \"dropout\": 0, \"lr\": 0.001},\n"
                                        "    {\"hidden-size\": 64, \"layers\": 2, \"dropout\": 0.2, \"lr\": 0.001}\n  ]"));
    }
    }
    return {};
}

QString optionsJson(const OptionValues& options, const QString& indent)
{
    QStringList lines;
    for (const auto& [name, text] : options)
        lines << indent + quoted(name) + QStringLiteral(": ") + jsonValue(name, text);
    return lines.join(QStringLiteral(",\n"));
}

} // namespace lstmlab::ui

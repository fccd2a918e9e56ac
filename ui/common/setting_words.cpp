#include "ui/common/setting_words.h"

#include "engine/workflow/run_option_table.h"

#include <algorithm>

namespace lstmlab::ui {

QString settingLabel(const std::string& key) { return QString::fromStdString(run_option_label(key)); }

QString settingValueLabel(const std::string& key, const std::string& value)
{
    if (const RunOption* option = find_run_option(key); option && !option->value_labels.empty()) {
        const auto it = std::find(option->values.begin(), option->values.end(), value);
        if (it != option->values.end())
            return QString::fromStdString(option->value_labels[std::size_t(it - option->values.begin())]);
    }
    return QString::fromStdString(value);
}

QString settingSentence(const std::vector<SettingPiece>& pieces)
{
    return QString::fromStdString(one_line_message(word_setting_pieces(pieces, [](const std::string& key, const std::string& value) {
        QString name = settingLabel(key);
        if (!value.empty())
            name += QStringLiteral(": ") + settingValueLabel(key, value);
        return (QStringLiteral("“") + name + QStringLiteral("”")).toStdString();
    })));
}

QString errorText(const std::exception& error)
{
    const auto* setting = dynamic_cast<const SettingError*>(&error);
    return setting ? settingSentence(setting->pieces()) : QString::fromStdString(error.what());
}

} // namespace lstmlab::ui

// Settings as the workbench names them: the label of their form field, from the option table
// (engine/workflow/run_option_table.h), where the command line says --flag.
//
// Engine errors about a setting (SettingError) are worded here: `“Missing values: drop rows”` where the
// command line prints `--missing drop`, so a sentence names what the user sees in the form.
#pragma once

#include "engine/core/setting_error.h"

#include <QString>

#include <exception>
#include <string>
#include <vector>

namespace lstmlab::ui {

// The label of setting `key` ("Gradient clipping (norm)" for "clip").
QString settingLabel(const std::string& key);
// The text of the choice `value` of setting `key` as its form shows it ("drop rows" for missing drop).
QString settingValueLabel(const std::string& key, const std::string& value);
// A sentence of SettingError pieces with its settings named by their labels.
QString settingSentence(const std::vector<SettingPiece>& pieces);
// The error's sentence for the workbench: a SettingError's settings named by their labels, any other
// error's what() as it is.
QString errorText(const std::exception& error);

} // namespace lstmlab::ui

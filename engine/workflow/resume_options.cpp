#include "engine/workflow/resume_options.h"

#include "engine/core/error.h"

#include <algorithm>

namespace lstmlab {
namespace {

bool contains(const OptionValues& values, const std::string& name)
{
    return std::any_of(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
}

std::string text_of(const OptionValues& values, const std::string& name)
{
    const auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    return it == values.end() ? std::string() : it->second;
}

std::vector<std::string> split_commas(const std::string& text)
{
    std::vector<std::string> items;
    for (std::size_t begin = 0; begin <= text.size();) {
        const std::size_t comma = std::min(text.find(',', begin), text.size());
        items.push_back(text.substr(begin, comma - begin));
        begin = comma + 1;
    }
    return items;
}

bool is_model_option(const std::string& name)
{
    const RunOption* option = find_run_option(name);
    return option && option->group == OptionGroup::model;
}

// The checkpoint's options with `given` over them. A given option replaces its own saved value and
// the saved values it would otherwise contradict: --preset the saved model options, --hidden-size or
// --layers the saved --hidden (the other of the two then keeps the checkpoint's value),
// --feature-transform the saved per-column transforms, --features those of the columns it drops.
OptionValues overlay(const OptionValues& saved, const OptionValues& given)
{
    const auto has = [&](const char* name) { return contains(given, name); };
    const std::vector<std::string> features = split_commas(text_of(given, "features"));
    OptionValues out;
    for (const auto& [name, text] : saved) {
        if (contains(given, name) || (has("preset") && is_model_option(name)) ||
            (name == "hidden" && (has("hidden-size") || has("layers"))) ||
            (name == "transforms" && has("feature-transform")))
            continue;
        if (name == "transforms" && has("features")) {
            std::string kept;
            for (const std::string& item : split_commas(text))
                if (std::find(features.begin(), features.end(), item.substr(0, item.find('='))) != features.end())
                    kept += (kept.empty() ? "" : ",") + item;
            if (!kept.empty())
                out.emplace_back(name, kept);
            continue;
        }
        out.emplace_back(name, text);
    }
    const std::vector<std::string> hidden = split_commas(text_of(saved, "hidden"));
    if (has("layers") && !has("hidden-size") && !has("preset"))
        out.emplace_back("hidden-size", hidden.front());
    if (has("hidden-size") && !has("layers") && !has("preset"))
        out.emplace_back("layers", std::to_string(hidden.size()));
    out.insert(out.end(), given.begin(), given.end());
    return out;
}

OptionValues texts_after(const OptionValues& saved, const OptionValues& given)
{
    return run_option_texts(make_run_options(overlay(saved, given)));
}

} // namespace

std::vector<OptionChange> resume_changes(const RunOptions& saved_run, const OptionValues& all_given)
{
    OptionValues given;
    for (const auto& [name, text] : all_given)
        if (is_run_option(name) && name != "epochs" && name != "threads")
            given.emplace_back(name, text);
    const OptionValues saved = run_option_texts(saved_run);
    const OptionValues after = texts_after(saved, given);
    std::vector<OptionChange> changes;
    // Plain references, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    for (const auto& saved_entry : saved) {
        const std::string& name = saved_entry.first;
        const std::string& saved_text = saved_entry.second;
        if (name == "epochs" || name == "threads")
            continue;
        const std::string new_text = text_of(after, name);
        if (new_text == saved_text)
            continue;
        // Which given option changes it: the option itself, else the first one that does on its own.
        auto culprit = std::find_if(given.begin(), given.end(), [&](const auto& v) { return v.first == name; });
        if (culprit == given.end())
            culprit = std::find_if(given.begin(), given.end(), [&](const auto& v) {
                try {
                    return text_of(texts_after(saved, {v}), name) != saved_text;
                } catch (const Error&) {
                    return false;
                }
            });
        if (culprit == given.end())
            culprit = given.begin();
        changes.push_back({culprit->first, culprit->second, name, saved_text, new_text});
    }
    // Options absent from the saved texts (transforms when every feature is taken as it is).
    for (const auto& after_entry : after) {
        const std::string& name = after_entry.first;
        const std::string& new_text = after_entry.second;
        if (!contains(saved, name) && !new_text.empty()) {
            const auto culprit = std::find_if(given.begin(), given.end(), [&](const auto& v) { return v.first == name; });
            const auto& [option, text] = culprit != given.end() ? *culprit : given.front();
            changes.push_back({option, text, name, "none", new_text});
        }
    }
    return changes;
}

std::string describe_change(const OptionChange& change)
{
    const std::string tail = " cannot change when resuming: the checkpoint has " + change.saved_value;
    if (change.option == change.changed)
        return "--" + change.option + tail + ", the command line gives " +
               (change.given.empty() ? change.new_value : change.given);
    const std::string given = "--" + change.option + (change.given.empty() ? "" : " " + change.given);
    return given + " changes --" + change.changed + ", which" + tail + ", " + given + " gives " + change.new_value;
}

} // namespace lstmlab

#include "engine/workflow/sweep_spec.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/json_locate.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace lstmlab {
namespace {

constexpr int max_trials = 10000;

class SweepReader {
public:
    SweepReader(std::string_view text, std::string_view source) : m_text(text), m_source(source) {}

    [[noreturn]] void fail(const std::string& path, const std::string& reason) const
    {
        const auto at = locate_json_path(m_text, path);
        std::string where = std::string(m_source);
        if (at)
            where += ":" + std::to_string(at->line) + ":" + std::to_string(at->column);
        throw Error(where + ": " + (path.empty() ? "" : path + ": ") + reason);
    }

    // A JSON value as the text a user would type after the option.
    std::string value_text(const Json& value, const std::string& path) const
    {
        switch (value.type()) {
        case Json::Type::boolean: return value.as_bool() ? "true" : "false";
        case Json::Type::string: return value.as_string();
        case Json::Type::number: return number_text(value.as_number());
        case Json::Type::array: {
            std::string text;
            for (std::size_t k = 0; k < value.size(); ++k) {
                const Json& item = value.items()[k];
                if (!item.is_number())
                    fail(json_index_path(path, k), "expected a number, got " + describe_json(item));
                text += (k ? "," : "") + number_text(item.as_number());
            }
            if (text.empty())
                fail(path, "an empty list is not an option value");
            return text;
        }
        default: fail(path, "expected a number, a string, a boolean or a list of numbers, got " + describe_json(value));
        }
    }

    // Shortest text that reads back exactly, in %g's style: 0.0005 rather than 5e-04.
    static std::string number_text(double value)
    {
        char text[32];
        const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::general);
        return std::string(text, result.ptr);
    }

    // An option name and one value: unknown names and values the engine refuses on their own are
    // errors in the file (combinations are judged per configuration when the sweep is expanded).
    void check_option(const std::string& name, const std::string& text, const std::string& name_path,
                      const std::string& value_path) const
    {
        if (!is_run_option(name))
            fail(name_path, "\"" + name + "\" is not an option (use lstmlab-cli's option names without --)");
        if (name == "target" || name == "features" || name == "transforms")
            return;   // these refer to the data's columns: checked when the sweep is expanded
        OptionValues probe{{"target", "x"}};
        if (name != "hidden" && name != "hidden-size" && name != "layers")
            probe.emplace_back("hidden", "8,8");
        probe.emplace_back(name, text);
        try {
            make_run_options(probe);
        } catch (const Error& error) {
            fail(value_path, error.what());
        }
    }

    OptionValues options(const Json& object, const std::string& path) const
    {
        if (!object.is_object())
            fail(path, "expected an object of options, got " + describe_json(object));
        OptionValues values;
        for (const JsonMember& member : object.members()) {
            const std::string member_path = json_member_path(path, member.key);
            const std::string text = value_text(member.value, member_path);
            check_option(member.key, text, member_path, member_path);
            values.emplace_back(member.key, text);
        }
        return values;
    }

    const Json& member(const Json& object, std::string_view key, const std::string& path) const
    {
        const Json* value = object.find(key);
        if (!value)
            fail(path, "missing key \"" + std::string(key) + "\"");
        return *value;
    }

    double number(const Json& value, const std::string& path) const
    {
        if (!value.is_number())
            fail(path, "expected a number, got " + describe_json(value));
        return value.as_number();
    }

    int integer(const Json& value, const std::string& path, int low, int high) const
    {
        const double v = number(value, path);
        if (v != std::floor(v) || v < low || v > high)
            fail(path, describe_json(value) + " is not a whole number in " + std::to_string(low) + ".." +
                           std::to_string(high));
        return int(v);
    }

    RandomDimension dimension(const std::string& name, const Json& value, const std::string& path) const
    {
        if (!value.is_object() || value.size() != 1)
            fail(path, "expected one of {\"uniform\": [low, high]}, {\"log_uniform\": [low, high]}, "
                       "{\"int\": [low, high]} or {\"choice\": [values]}");
        const JsonMember& m = value.members().front();
        const std::string inner = json_member_path(path, m.key);
        RandomDimension d;
        d.name = name;
        if (m.key == "choice") {
            d.kind = RandomDimension::Kind::choice;
            if (!m.value.is_array() || m.value.size() == 0)
                fail(inner, "expected a non-empty list of values");
            for (std::size_t k = 0; k < m.value.size(); ++k) {
                const std::string item_path = json_index_path(inner, k);
                d.choices.push_back(value_text(m.value.items()[k], item_path));
                check_option(name, d.choices.back(), path, item_path);
            }
            return d;
        }
        if (m.key == "uniform")
            d.kind = RandomDimension::Kind::uniform;
        else if (m.key == "log_uniform")
            d.kind = RandomDimension::Kind::log_uniform;
        else if (m.key == "int")
            d.kind = RandomDimension::Kind::integer;
        else
            fail(inner, "\"" + m.key + "\" is not a distribution (use uniform, log_uniform, int or choice)");
        if (!m.value.is_array() || m.value.size() != 2)
            fail(inner, "expected [low, high]");
        d.low = number(m.value.items()[0], json_index_path(inner, 0));
        d.high = number(m.value.items()[1], json_index_path(inner, 1));
        if (!(d.low < d.high))
            fail(inner, "low must be below high");
        if (d.kind == RandomDimension::Kind::log_uniform && d.low <= 0)
            fail(inner, "log_uniform needs a positive low bound");
        if (d.kind == RandomDimension::Kind::integer && (d.low != std::floor(d.low) || d.high != std::floor(d.high)))
            fail(inner, "int needs whole-number bounds");
        check_option(name, number_text(d.low), path, json_index_path(inner, 0));
        check_option(name, number_text(d.high), path, json_index_path(inner, 1));
        return d;
    }

    SweepSpec read() const
    {
        const Json root = parse_json(m_text, m_source);
        if (!root.is_object())
            fail("", "a sweep file is a JSON object");
        for (const JsonMember& m : root.members())
            if (m.key != "mode" && m.key != "seeds" && m.key != "fixed" && m.key != "grid" && m.key != "random" &&
                m.key != "configurations")
                fail(m.key, "unknown key (known keys: mode, seeds, fixed, grid, random, configurations)");
        SweepSpec spec;
        const Json& mode = member(root, "mode", "");
        const std::string mode_text = mode.is_string() ? mode.as_string() : "";
        if (mode_text == "grid")
            spec.mode = SweepMode::grid;
        else if (mode_text == "random")
            spec.mode = SweepMode::random;
        else if (mode_text == "list")
            spec.mode = SweepMode::list;
        else
            fail("mode", describe_json(mode) + " is not a mode (use \"grid\", \"random\" or \"list\")");
        if (const Json* seeds = root.find("seeds"))
            spec.seeds = integer(*seeds, "seeds", 1, 1000);
        if (const Json* fixed = root.find("fixed"))
            spec.fixed = options(*fixed, "fixed");
        const auto in_fixed = [&](const std::string& name) {
            return std::any_of(spec.fixed.begin(), spec.fixed.end(), [&](const auto& v) { return v.first == name; });
        };
        const char* needed = spec.mode == SweepMode::grid ? "grid" : spec.mode == SweepMode::random ? "random" : "configurations";
        for (const char* key : {"grid", "random", "configurations"})
            if (root.find(key) && std::string(key) != needed)
                fail(key, "not used in mode \"" + mode_text + "\" (mode " + mode_text + " reads \"" + needed + "\")");
        const Json& body = member(root, needed, "");

        if (spec.mode == SweepMode::grid) {
            if (!body.is_object() || body.size() == 0)
                fail("grid", "expected an object of option -> list of values");
            for (const JsonMember& m : body.members()) {
                const std::string path = json_member_path("grid", m.key);
                if (in_fixed(m.key))
                    fail(path, "\"" + m.key + "\" is also in \"fixed\"");
                if (!m.value.is_array() || m.value.size() == 0)
                    fail(path, "expected a non-empty list of values");
                std::vector<std::string> texts;
                for (std::size_t k = 0; k < m.value.size(); ++k) {
                    const std::string item_path = json_index_path(path, k);
                    texts.push_back(value_text(m.value.items()[k], item_path));
                    check_option(m.key, texts.back(), path, item_path);
                }
                spec.grid.emplace_back(m.key, texts);
            }
        } else if (spec.mode == SweepMode::random) {
            if (!body.is_object())
                fail("random", "expected {\"trials\": N, \"seed\": S, \"space\": {...}}");
            for (const JsonMember& m : body.members())
                if (m.key != "trials" && m.key != "seed" && m.key != "space")
                    fail(json_member_path("random", m.key), "unknown key (known keys: trials, seed, space)");
            spec.random_trials = integer(member(body, "trials", "random"), "random.trials", 1, max_trials);
            if (const Json* seed = body.find("seed"))
                spec.random_seed = std::uint64_t(integer(*seed, "random.seed", 0, 2147483647));
            const Json& space = member(body, "space", "random");
            if (!space.is_object() || space.size() == 0)
                fail("random.space", "expected an object of option -> distribution");
            for (const JsonMember& m : space.members()) {
                const std::string path = json_member_path("random.space", m.key);
                if (in_fixed(m.key))
                    fail(path, "\"" + m.key + "\" is also in \"fixed\"");
                spec.space.push_back(dimension(m.key, m.value, path));
            }
        } else {
            if (!body.is_array() || body.size() == 0)
                fail("configurations", "expected a non-empty list of option objects");
            for (std::size_t k = 0; k < body.size(); ++k)
                spec.configurations.push_back(options(body.items()[k], json_index_path("configurations", k)));
        }
        return spec;
    }

private:
    std::string_view m_text;
    std::string_view m_source;
};

// Three significant digits: readable labels, and the value used is the value shown.
std::string rounded(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return SweepReader::number_text(std::strtod(text, nullptr));
}

std::string draw(const RandomDimension& d, Rng& rng)
{
    switch (d.kind) {
    case RandomDimension::Kind::uniform: return rounded(rng.uniform(d.low, d.high));
    case RandomDimension::Kind::log_uniform: return rounded(std::exp(rng.uniform(std::log(d.low), std::log(d.high))));
    case RandomDimension::Kind::integer:
        return std::to_string(std::int64_t(d.low) + std::int64_t(rng.below(std::uint64_t(d.high - d.low + 1))));
    case RandomDimension::Kind::choice: return d.choices[rng.below(d.choices.size())];
    }
    return "";
}

std::vector<OptionValues> configurations(const SweepSpec& spec)
{
    std::vector<OptionValues> out;
    if (spec.mode == SweepMode::list)
        return spec.configurations;
    if (spec.mode == SweepMode::random) {
        Rng rng(spec.random_seed);
        for (int k = 0; k < spec.random_trials; ++k) {
            OptionValues values;
            for (const RandomDimension& d : spec.space)
                values.emplace_back(d.name, draw(d, rng));
            out.push_back(values);
        }
        return out;
    }
    std::size_t total = 1;
    for (const auto& [name, values] : spec.grid) {
        total *= values.size();
        if (total > std::size_t(max_trials))
            throw Error("the grid has more than " + std::to_string(max_trials) + " configurations");
    }
    for (std::size_t n = 0; n < total; ++n) {
        OptionValues values;
        std::size_t rest = n;
        std::vector<std::size_t> digits(spec.grid.size());
        for (std::size_t k = spec.grid.size(); k-- > 0;) {   // the last key varies fastest
            digits[k] = rest % spec.grid[k].second.size();
            rest /= spec.grid[k].second.size();
        }
        for (std::size_t k = 0; k < spec.grid.size(); ++k)
            values.emplace_back(spec.grid[k].first, spec.grid[k].second[digits[k]]);
        out.push_back(values);
    }
    return out;
}

} // namespace

SweepSpec parse_sweep(std::string_view text, std::string_view source_name)
{
    return SweepReader(text, source_name).read();
}

SweepSpec read_sweep_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error(path + ": cannot read the sweep file");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_sweep(text.str(), path);
}

std::string Trial::label() const
{
    std::string text;
    for (const auto& [name, value] : varied)
        text += (text.empty() ? "" : "  ") + name + " " + value;
    return text;
}

SweepPlan expand_sweep(const SweepSpec& spec, const OptionValues& base, int seeds)
{
    const int repeats = seeds > 0 ? seeds : spec.seeds;
    SweepPlan plan;
    const auto given = [&](const std::string& name) {
        return std::find_if(base.begin(), base.end(), [&](const auto& v) { return v.first == name; });
    };
    // The option of `base` that replaces the file's fixed `name`, if any.
    const auto replacing = [&](const std::string& name) {
        if (given(name) != base.end())
            return given(name);
        if (name == "hidden-size" || name == "layers")
            return given("hidden");
        if (name == "hidden")
            return given("hidden-size") != base.end() ? given("hidden-size") : given("layers");
        return base.end();
    };
    OptionValues fixed;
    for (const auto& [name, value] : spec.fixed) {
        if (const auto by = replacing(name); by != base.end())
            plan.overridden.push_back({name, value, "--" + by->first + (by->second.empty() ? "" : " " + by->second)});
        else
            fixed.emplace_back(name, value);
    }
    std::set<std::string> seen;
    const std::vector<OptionValues> all = configurations(spec);
    for (const OptionValues& configuration : all)
        for (const auto& [name, value] : configuration)
            if (given(name) != base.end())
                throw Error("--" + name + " is given on the command line and varied by the sweep file; give it in "
                            "one place only");
    plan.configurations = int(all.size());
    for (std::size_t c = 0; c < all.size(); ++c) {
        OptionValues merged = base;
        merged.insert(merged.end(), fixed.begin(), fixed.end());
        merged.insert(merged.end(), all[c].begin(), all[c].end());
        for (const auto& [name, value] : all[c])
            if (seen.insert(name).second)
                plan.varied_names.push_back(name);
        std::uint64_t first_seed = 42;
        const auto seed_it = std::find_if(merged.begin(), merged.end(), [](const auto& v) { return v.first == "seed"; });
        if (seed_it != merged.end()) {
            first_seed = std::stoull(seed_it->second);
            merged.erase(seed_it);
        }
        try {
            for (int r = 0; r < repeats; ++r) {
                OptionValues values = merged;
                values.emplace_back("seed", std::to_string(first_seed + std::uint64_t(r)));
                Trial trial;
                trial.index = int(plan.trials.size());
                trial.configuration = int(c);
                trial.repeat = r;
                trial.varied = all[c];
                trial.options = make_run_options(values);
                plan.trials.push_back(std::move(trial));
            }
        } catch (const Error& error) {
            plan.skipped.push_back({int(c), all[c], error.what()});
        }
    }
    if (plan.trials.empty())
        throw Error("the sweep has no configuration the engine accepts: " +
                    (plan.skipped.empty() ? std::string("it is empty") : plan.skipped.front().reason));
    return plan;
}

std::string_view default_sweep_text()
{
    // The tutorial's grid-search configurations. Its first one passes dropout 0.1 to a one-layer
    // LSTM, where PyTorch ignores it; here it is 0, which is what the tutorial really trained.
    return R"({
  "mode": "list",
  "seeds": 1,
  "fixed": {"epochs": 15, "patience": 5},
  "configurations": [
    {"hidden-size": 32, "layers": 1, "dropout": 0, "lr": 0.001},
    {"hidden-size": 64, "layers": 2, "dropout": 0.2, "lr": 0.001},
    {"hidden-size": 128, "layers": 2, "dropout": 0.3, "lr": 0.0005},
    {"hidden-size": 64, "layers": 3, "dropout": 0.3, "lr": 0.0005}
  ]
}
)";
}

} // namespace lstmlab

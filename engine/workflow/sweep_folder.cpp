#include "engine/workflow/sweep_folder.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/sha256.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/sweep_runner.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lstmlab {
namespace {

constexpr const char* folder_format = "lstmlab-sweep-trials";
constexpr int folder_version = 1;

std::string absolute_path(const std::string& path)
{
    return std::filesystem::absolute(path).lexically_normal().string();
}

std::string read_folder_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error(path + ": cannot be read (the trials folder is incomplete; expand the sweep again)");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

Json trial_spec_json(const Trial& trial)
{
    Json spec = Json::object();
    spec.set("trial", trial.index + 1);
    spec.set("configuration", trial.configuration + 1);
    spec.set("repeat", trial.repeat);
    spec.set("seed", std::to_string(trial.options.train.seed));
    Json varied = Json::object();
    for (const auto& [name, value] : trial.varied)
        varied.set(name, value);
    spec.set("varied", varied);
    Json options = Json::object();
    for (const auto& [name, value] : run_option_texts(trial.options))
        options.set(name, value);
    spec.set("options", options);
    return spec;
}

Trial trial_from_json(const Json& spec, const std::string& path)
{
    reject_unknown_keys(spec, {"trial", "configuration", "repeat", "seed", "varied", "options"}, path);
    Trial trial;
    trial.index = get_int(get_member(spec, "trial", path), path + ": trial") - 1;
    trial.configuration = get_int(get_member(spec, "configuration", path), path + ": configuration") - 1;
    trial.repeat = get_int(get_member(spec, "repeat", path), path + ": repeat");
    for (const JsonMember& m : get_object(get_member(spec, "varied", path), path + ": varied"))
        trial.varied.emplace_back(m.key, get_string(m.value, path + ": varied." + m.key));
    OptionValues options;
    for (const JsonMember& m : get_object(get_member(spec, "options", path), path + ": options"))
        options.emplace_back(m.key, get_string(m.value, path + ": options." + m.key));
    try {
        trial.options = make_run_options(options);
    } catch (const Error& error) {
        throw Error(path + ": " + error.what());
    }
    return trial;
}

std::string spec_path(const std::string& trials_dir, int index)
{
    return trial_directory(trials_dir, index) + "/spec.json";
}

} // namespace

std::string trial_spec_text(const Trial& trial)
{
    return to_json(trial_spec_json(trial), true) + "\n";
}

bool is_sweep_folder(const std::string& trials_dir)
{
    return std::filesystem::exists(std::filesystem::path(trials_dir) / "sweep.json");
}

SweepFolder write_sweep_folder(const SweepPlan& plan, const std::string& data_path, const std::string& results_csv,
                               const std::string& trials_dir)
{
    SweepFolder folder;
    folder.trials_dir = absolute_path(trials_dir);
    folder.data_path = absolute_path(data_path);
    folder.data_sha256 = sha256_file_hex(folder.data_path);
    folder.results_csv = absolute_path(results_csv);
    folder.varied_names = plan.varied_names;
    folder.trials = plan.trials;
    for (const Trial& trial : plan.trials) {
        const std::string dir = trial_directory(folder.trials_dir, trial.index);
        std::error_code error;
        std::filesystem::create_directories(dir, error);
        if (error)
            throw Error(dir + ": cannot create the trial's folder (" + error.message() + ")");
        write_file_atomic(spec_path(folder.trials_dir, trial.index), trial_spec_text(trial));
    }
    Json sweep = Json::object();
    sweep.set("format", folder_format);
    sweep.set("version", folder_version);
    Json data = Json::object();
    data.set("path", folder.data_path);
    data.set("sha256", folder.data_sha256);
    sweep.set("data", data);
    sweep.set("results", folder.results_csv);
    sweep.set("trials", int(plan.trials.size()));
    Json varied = Json::array();
    for (const std::string& name : plan.varied_names)
        varied.push_back(name);
    sweep.set("varied_names", varied);
    // Written last: a folder with sweep.json is complete.
    write_file_atomic((std::filesystem::path(folder.trials_dir) / "sweep.json").string(), to_json(sweep, true) + "\n");
    return folder;
}

SweepFolder read_sweep_folder(const std::string& trials_dir)
{
    SweepFolder folder;
    folder.trials_dir = absolute_path(trials_dir);
    const std::string path = (std::filesystem::path(folder.trials_dir) / "sweep.json").string();
    if (!std::filesystem::exists(path))
        throw Error(folder.trials_dir + ": not a sweep's trials folder (no sweep.json)");
    const Json sweep = parse_json(read_folder_file(path), path);
    if (get_string(get_member(sweep, "format", path), path + ": format") != folder_format)
        throw Error(path + ": not a sweep's trials folder (format is not \"" + std::string(folder_format) + "\")");
    if (const int version = get_int(get_member(sweep, "version", path), path + ": version"); version != folder_version)
        throw Error(path + ": version " + std::to_string(version) + " of the trials folder is not supported (this "
                    "lstmlab-cli reads version " + std::to_string(folder_version) + "); expand the sweep again");
    const Json& data = get_member(sweep, "data", path);
    folder.data_path = get_string(get_member(data, "path", path), path + ": data.path");
    folder.data_sha256 = get_string(get_member(data, "sha256", path), path + ": data.sha256");
    folder.results_csv = get_string(get_member(sweep, "results", path), path + ": results");
    for (const Json& name : get_array(get_member(sweep, "varied_names", path), path + ": varied_names"))
        folder.varied_names.push_back(get_string(name, path + ": varied_names"));
    const int count = get_int(get_member(sweep, "trials", path), path + ": trials");
    for (int index = 0; index < count; ++index) {
        const std::string spec = spec_path(folder.trials_dir, index);
        Trial trial = trial_from_json(parse_json(read_folder_file(spec), spec), spec);
        if (trial.index != index)
            throw Error(spec + ": holds trial " + std::to_string(trial.index + 1) + ", not " + std::to_string(index + 1));
        folder.trials.push_back(std::move(trial));
    }
    return folder;
}

std::string sweep_folder_difference(const SweepFolder& folder, const SweepPlan& plan, const std::string& data_path)
{
    if (absolute_path(data_path) != folder.data_path)
        return "it was expanded from --data " + folder.data_path;
    if (sha256_file_hex(data_path) != folder.data_sha256)
        return "the data file changed since it was expanded (its SHA-256 differs)";
    if (plan.trials.size() != folder.trials.size())
        return "it holds " + std::to_string(folder.trials.size()) + " trials, this sweep has " +
               std::to_string(plan.trials.size());
    for (std::size_t k = 0; k < plan.trials.size(); ++k)
        if (trial_spec_text(plan.trials[k]) != trial_spec_text(folder.trials[k]))
            return "trial " + std::to_string(k + 1) + " has other options (" + folder.trials[k].label() + ")";
    return {};
}

std::string sweep_summary_path(const std::string& results_csv)
{
    const std::filesystem::path path(results_csv);
    const std::string stem = path.extension() == ".csv" ? path.stem().string() : path.filename().string();
    return (path.parent_path() / (stem + ".summary.csv")).string();
}

std::string default_trials_dir(const std::string& results_csv)
{
    const std::filesystem::path path(results_csv);
    const std::string stem = path.extension() == ".csv" ? path.stem().string() : path.filename().string();
    return (path.parent_path() / (stem + ".trials")).string();
}

} // namespace lstmlab

#include "engine/workflow/slurm_script.h"

#include "engine/core/error.h"

#include <algorithm>
#include <cctype>

namespace lstmlab {
namespace {

bool all_digits(const std::string& text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "1", "1:2", "1:2:3": one to `max_parts` groups of digits separated by ':'.
bool colon_numbers(const std::string& text, int max_parts)
{
    int parts = 0;
    std::size_t begin = 0;
    while (true) {
        const std::size_t colon = text.find(':', begin);
        if (!all_digits(text.substr(begin, colon == std::string::npos ? std::string::npos : colon - begin)))
            return false;
        ++parts;
        if (colon == std::string::npos)
            return parts <= max_parts;
        begin = colon + 1;
    }
}

} // namespace

void check_slurm_time(const std::string& text)
{
    bool valid = false;
    if (const std::size_t dash = text.find('-'); dash == std::string::npos)
        valid = colon_numbers(text, 3);   // minutes, minutes:seconds, hours:minutes:seconds
    else
        valid = all_digits(text.substr(0, dash)) && colon_numbers(text.substr(dash + 1), 3);   // days-hours[:m[:s]]
    if (!valid)
        throw Error("--slurm-time: \"" + text + "\" is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)");
}

void check_slurm_memory(const std::string& text)
{
    std::string digits = text;
    if (!digits.empty() && std::string("KMGTkmgt").find(digits.back()) != std::string::npos)
        digits.pop_back();
    if (!all_digits(digits))
        throw Error("--slurm-mem: \"" + text + "\" is not a Slurm memory size (a number of megabytes, or with K, M, G or T)");
}

void check_slurm_name(const std::string& option, const std::string& text)
{
    const bool valid = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ',';
    });
    if (!valid)
        throw Error("--" + option + ": \"" + text + "\" is not a Slurm name (letters, digits, - _ . and , only)");
}

std::vector<std::string> split_slurm_extra(const std::string& text)
{
    std::vector<std::string> words;
    std::size_t begin = 0;
    while ((begin = text.find_first_not_of(" \t", begin)) != std::string::npos) {
        const std::size_t end = std::min(text.find_first_of(" \t", begin), text.size());
        words.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    for (const std::string& word : words)
        if (word.size() < 2 || word[0] != '-' || word.find_first_of("\n\r") != std::string::npos)
            throw Error("--slurm-extra: \"" + word + "\" is not an sbatch option (give them as \"--qos=short --exclusive\")");
    return words;
}

std::string slurm_array_ranges(const std::vector<int>& trials)
{
    std::vector<int> sorted = trials;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string text;
    for (std::size_t k = 0; k < sorted.size();) {
        std::size_t last = k;
        while (last + 1 < sorted.size() && sorted[last + 1] == sorted[last] + 1)
            ++last;
        text += (text.empty() ? "" : ",") + std::to_string(sorted[k]);
        if (last > k)
            text += "-" + std::to_string(sorted[last]);
        k = last + 1;
    }
    return text;
}

std::string shell_quote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string slurm_array_script(const SlurmOptions& options, const std::string& job_name, int tasks,
                               const std::string& log_pattern, const std::string& command, const std::string& comment)
{
    std::string array = tasks > 1 ? "1-" + std::to_string(tasks) : "1";
    if (options.max_running > 0)
        array += "%" + std::to_string(options.max_running);
    std::string text = "#!/bin/sh\n";
    std::size_t begin = 0;
    while (begin < comment.size()) {
        const std::size_t end = std::min(comment.find('\n', begin), comment.size());
        text += "# " + comment.substr(begin, end - begin) + "\n";
        begin = end + 1;
    }
    text += "#SBATCH --job-name=" + job_name + "\n"
            "#SBATCH --array=" + array + "\n"
            "#SBATCH --cpus-per-task=1\n";
    if (!options.time.empty())
        text += "#SBATCH --time=" + options.time + "\n";
    if (!options.memory.empty())
        text += "#SBATCH --mem=" + options.memory + "\n";
    if (!options.partition.empty())
        text += "#SBATCH --partition=" + options.partition + "\n";
    if (!options.account.empty())
        text += "#SBATCH --account=" + options.account + "\n";
    text += "#SBATCH --output=" + log_pattern + "\n"
            "#SBATCH --open-mode=append\n";
    for (const std::string& option : options.extra)
        text += "#SBATCH " + option + "\n";
    return text + command + "\n";
}

std::string slurm_script_text(const SlurmOptions& options, const std::string& cli_path, const std::string& trials_dir,
                              int trial_count)
{
    return slurm_array_script(options, "lstmlab-sweep", trial_count, trials_dir + "/trial-%4a/slurm.log",
                              "exec " + shell_quote(cli_path) + " sweep-trial " + shell_quote(trials_dir) +
                                  " \"$SLURM_ARRAY_TASK_ID\"",
                              "The trials of a lstmlab-cli sweep as a Slurm job array: task N runs trial N of\n" +
                                  trials_dir + "\nSubmit with `sbatch` on a machine whose nodes see this folder and "
                                  "lstmlab-cli at the same paths.");
}

} // namespace lstmlab

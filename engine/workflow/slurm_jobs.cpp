#include "engine/workflow/slurm_jobs.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/external_command.h"
#include "engine/workflow/slurm_script.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lstmlab {
namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
        if (end == std::string::npos)
            return parts;
        begin = end + 1;
    }
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    for (std::string& line : split(text, '\n')) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            out.push_back(line);
    }
    return out;
}

bool whole_number(const std::string& text, int& value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string jobs_path(const std::string& trials_dir)
{
    return (std::filesystem::path(trials_dir) / "jobs.json").string();
}

// The one-line summary of a program's failure: its stderr's last line, else its exit status.
std::string failure_text(const CommandOutput& output)
{
    const std::vector<std::string> err = lines(output.err);
    return err.empty() ? "exit status " + std::to_string(output.exit_code) : err.back();
}

} // namespace

std::vector<SlurmTaskState> parse_squeue(const std::string& text)
{
    std::vector<SlurmTaskState> tasks;
    for (const std::string& line : lines(text)) {
        const std::vector<std::string> fields = split(line, '|');
        SlurmTaskState task;
        if (fields.size() != 4 || fields[0].empty() || !whole_number(fields[1], task.task))
            continue;   // the array's own line ("N/A") or noise
        task.job_id = fields[0];
        task.state = fields[2];
        task.reason = fields[3];
        tasks.push_back(task);
    }
    return tasks;
}

std::vector<SlurmTaskState> parse_sacct(const std::string& text)
{
    std::vector<SlurmTaskState> tasks;
    for (const std::string& line : lines(text)) {
        const std::vector<std::string> fields = split(line, '|');
        if (fields.size() < 3)
            continue;
        const std::size_t underscore = fields[0].find('_');
        SlurmTaskState task;
        if (underscore == std::string::npos || !whole_number(fields[0].substr(underscore + 1), task.task))
            continue;   // a job that is no array task, or "123_[5-9]" (tasks not started yet)
        task.job_id = fields[0].substr(0, underscore);
        task.state = fields[1].substr(0, fields[1].find(' '));
        task.reason = fields[2];
        tasks.push_back(task);
    }
    return tasks;
}

std::vector<SlurmSubmission> read_slurm_jobs(const std::string& trials_dir)
{
    const std::string path = jobs_path(trials_dir);
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return {};
    std::ostringstream text;
    text << file.rdbuf();
    const Json jobs = parse_json(text.str(), path);
    std::vector<SlurmSubmission> out;
    for (const Json& job : get_array(get_member(jobs, "jobs", path), path + ": jobs")) {
        SlurmSubmission s;
        s.job_id = get_string(get_member(job, "job", path), path + ": job");
        for (const Json& trial : get_array(get_member(job, "trials", path), path + ": trials"))
            s.trials.push_back(get_int(trial, path + ": trials"));
        out.push_back(s);
    }
    return out;
}

void record_slurm_job(const std::string& trials_dir, const SlurmSubmission& submission)
{
    std::vector<SlurmSubmission> all = read_slurm_jobs(trials_dir);
    all.push_back(submission);
    Json list = Json::array();
    for (const SlurmSubmission& s : all) {
        Json job = Json::object();
        job.set("job", s.job_id);
        Json trials = Json::array();
        for (int trial : s.trials)
            trials.push_back(trial);
        job.set("trials", trials);
        list.push_back(job);
    }
    Json jobs = Json::object();
    jobs.set("jobs", list);
    write_file_atomic(jobs_path(trials_dir), to_json(jobs, true) + "\n");
}

std::string submit_slurm_array(const std::string& script, const std::vector<int>& trials, int max_running)
{
    if (!program_on_path("sbatch"))
        throw Error("--backend slurm: sbatch is not on PATH; run the sweep on a machine with Slurm's client "
                    "commands (a login node), or use --slurm-dry-run to write the script only");
    std::string array = slurm_array_ranges(trials);
    if (max_running > 0)
        array += "%" + std::to_string(max_running);
    const CommandOutput output = run_command({"sbatch", "--parsable", "--array=" + array, script});
    if (!output.succeeded())
        throw Error("sbatch refused " + script + ": " + (output.started ? failure_text(output) : output.error));
    // --parsable prints "jobid" or "jobid;cluster".
    const std::vector<std::string> out = lines(output.out);
    const std::string id = out.empty() ? "" : out.back().substr(0, out.back().find(';'));
    int number = 0;
    if (!whole_number(id, number))
        throw Error("sbatch printed no job id for " + script + " (it printed \"" + output.out + "\")");
    return id;
}

std::vector<SlurmTaskState> query_slurm_queue(const std::vector<std::string>& job_ids, std::string& problem)
{
    problem.clear();
    const CommandOutput output = run_command({"squeue", "--me", "--noheader", "--array", "--format=%F|%K|%T|%r"});
    if (!output.succeeded()) {
        problem = "squeue: " + (output.started ? failure_text(output) : output.error);
        return {};
    }
    const std::set<std::string> wanted(job_ids.begin(), job_ids.end());
    std::vector<SlurmTaskState> tasks;
    for (SlurmTaskState& task : parse_squeue(output.out))
        if (wanted.count(task.job_id))
            tasks.push_back(std::move(task));
    return tasks;
}

void cancel_slurm_jobs(const std::vector<std::string>& job_ids)
{
    if (job_ids.empty())
        return;
    std::vector<std::string> argv{"scancel"};
    argv.insert(argv.end(), job_ids.begin(), job_ids.end());
    const CommandOutput output = run_command(argv);
    if (!output.succeeded())
        throw Error("scancel: " + (output.started ? failure_text(output) : output.error));
}

std::vector<SlurmTaskState> query_slurm_accounting(const std::vector<std::string>& job_ids)
{
    if (job_ids.empty() || !program_on_path("sacct"))
        return {};
    std::string ids;
    for (const std::string& id : job_ids)
        ids += (ids.empty() ? "" : ",") + id;
    const CommandOutput output = run_command(
        {"sacct", "--noheader", "--parsable2", "--allocations", "--jobs=" + ids, "--format=JobID,State,ExitCode"});
    return output.succeeded() ? parse_sacct(output.out) : std::vector<SlurmTaskState>{};   // no accounting: the folders decide
}

} // namespace lstmlab

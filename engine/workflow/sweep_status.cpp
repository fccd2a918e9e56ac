#include "engine/workflow/sweep_status.h"

#include "engine/core/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace lstmlab {
namespace {

std::string lowercase(std::string text)
{
    for (char& c : text)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string read_log(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return {};
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The log of the latest attempt: the text from the last start line of sweep-trial on (the log is
// appended by every attempt), or all of it when there is none.
std::string latest_attempt(const std::string& log)
{
    const std::size_t start = log.rfind("lstmlab-cli sweep-trial: starting trial ");
    return start == std::string::npos ? log : log.substr(start);
}

std::string last_line(const std::string& text)
{
    std::size_t end = text.find_last_not_of("\r\n \t");
    if (end == std::string::npos)
        return {};
    const std::size_t begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1));
}

std::string duration_text(double seconds)
{
    const long total = long(std::ceil(seconds));
    char text[64];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ld h %ld min", total / 3600, (total % 3600) / 60);
    else if (total >= 60)
        std::snprintf(text, sizeof text, "%ld min %ld s", total / 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%ld s", total);
    return text;
}

} // namespace

int SweepStatus::count(const std::string& state) const
{
    return int(std::count_if(trials.begin(), trials.end(), [&](const TrialStatus& t) { return t.state == state; }));
}

int SweepStatus::queued() const
{
    return int(std::count_if(trials.begin(), trials.end(), [](const TrialStatus& t) { return t.queued(); }));
}

int SweepStatus::succeeded() const
{
    return int(std::count_if(trials.begin(), trials.end(), [](const TrialStatus& t) { return t.succeeded(); }));
}

int SweepStatus::unfinished() const
{
    return int(trials.size()) - queued() - succeeded();
}

std::string slurm_state_in_log(const std::string& log_text)
{
    const std::string log = latest_attempt(log_text);
    const std::size_t marker = log.rfind("*** JOB ");
    if (marker != std::string::npos) {
        const std::string line = log.substr(marker, log.find('\n', marker) - marker);
        if (line.find("DUE TO TIME LIMIT") != std::string::npos)
            return "TIMEOUT";
        if (line.find("DUE TO NODE FAILURE") != std::string::npos)
            return "NODE_FAIL";
        if (line.find("DUE TO PREEMPTION") != std::string::npos)
            return "PREEMPTED";
        if (line.find("CANCELLED") != std::string::npos)
            return "CANCELLED";
    }
    if (log.find("oom-kill") != std::string::npos || log.find("Exceeded job memory limit") != std::string::npos)
        return "OUT_OF_MEMORY";
    return {};
}

SweepStatus sweep_status(const SweepFolder& folder, const std::vector<SlurmSubmission>& jobs,
                         const std::vector<SlurmTaskState>& queue, const std::string& queue_problem,
                         const std::vector<SlurmTaskState>& accounting)
{
    SweepStatus status;
    status.queue_problem = queue_problem;
    std::map<int, std::string> latest_job;   // trial -> the job that ran it last
    for (const SlurmSubmission& s : jobs)
        for (int trial : s.trials)
            latest_job[trial] = s.job_id;
    const auto find = [](const std::vector<SlurmTaskState>& tasks, const std::string& job, int trial) {
        const auto it = std::find_if(tasks.begin(), tasks.end(),
                                     [&](const SlurmTaskState& t) { return t.job_id == job && t.task == trial; });
        return it == tasks.end() ? nullptr : &*it;
    };
    for (const Trial& trial : folder.trials) {
        TrialStatus t;
        t.trial = trial.index + 1;
        const std::string dir = trial_directory(folder.trials_dir, trial.index);
        t.has_checkpoint = std::filesystem::exists(dir + "/checkpoint.safetensors");
        const std::string log = read_log(dir + "/slurm.log");
        t.log_line = last_line(log);
        try {
            t.result = read_trial_result(folder.trials_dir, trial);
        } catch (const Error& error) {   // a damaged result counts as none: the trial runs again on --resume
            t.log_line = error.what();
        }
        const auto job = latest_job.find(t.trial);
        if (job != latest_job.end())
            t.job = job->second + "_" + std::to_string(t.trial);
        if (const SlurmTaskState* q = job == latest_job.end() ? nullptr : find(queue, job->second, t.trial)) {
            t.slurm_state = q->state;
            t.state = q->state == "PENDING" ? "pending" : "running";   // RUNNING, COMPLETING, CONFIGURING, ...
        } else if (t.result) {
            t.state = t.result->status;
        } else if (job == latest_job.end()) {
            t.state = "not_submitted";
        } else if (!queue_problem.empty()) {
            t.state = "unknown";
        } else {
            const SlurmTaskState* a = find(accounting, job->second, t.trial);
            t.slurm_state = a && a->state != "COMPLETED" ? a->state : slurm_state_in_log(log);
            t.state = t.slurm_state.empty() ? "ended" : lowercase(t.slurm_state);
        }
        status.trials.push_back(std::move(t));
    }
    return status;
}

SweepStatus query_sweep_status(const SweepFolder& folder)
{
    const std::vector<SlurmSubmission> jobs = read_slurm_jobs(folder.trials_dir);
    std::vector<std::string> ids;
    for (const SlurmSubmission& s : jobs)
        ids.push_back(s.job_id);
    std::string problem;
    const std::vector<SlurmTaskState> queue = ids.empty() ? std::vector<SlurmTaskState>{} : query_slurm_queue(ids, problem);
    SweepStatus status = sweep_status(folder, jobs, queue, problem, {});
    if (status.count("ended") > 0 || status.count("cancelled") > 0)   // sacct may know more (OOM, node failure)
        status = sweep_status(folder, jobs, queue, problem, query_slurm_accounting(ids));
    return status;
}

std::string sweep_progress_line(const SweepStatus& status)
{
    const int finished = status.succeeded();
    const int running = status.count("running");
    const int pending = status.count("pending");
    const int failed = status.unfinished() - status.count("not_submitted") - status.count("unknown");
    std::string line = std::to_string(status.trials.size()) + " trials: " + std::to_string(finished) + " finished, " +
                       std::to_string(running) + " running, " + std::to_string(pending) + " pending, " +
                       std::to_string(failed) + " failed";
    if (const int unknown = status.count("unknown"); unknown > 0)
        line += ", " + std::to_string(unknown) + " unknown (" + status.queue_problem + ")";
    if (const int waiting = status.count("not_submitted"); waiting > 0)
        line += ", " + std::to_string(waiting) + " not submitted";
    double seconds = 0;
    int timed = 0;
    for (const TrialStatus& t : status.trials)
        if (t.succeeded() && t.result) {
            seconds += t.result->seconds;
            ++timed;
        }
    if (timed > 0 && running + pending > 0) {
        const double waves = std::ceil(double(running + pending) / double(std::max(1, running)));
        line += "; ETA " + duration_text(waves * seconds / timed);
    }
    return line;
}

std::string sweep_problems_text(const SweepStatus& status, const SweepFolder& folder)
{
    std::string text;
    for (const TrialStatus& t : status.trials) {
        if (t.queued() || t.succeeded() || t.state == "not_submitted")
            continue;
        text += "trial " + std::to_string(t.trial) + " (" + folder.trials[std::size_t(t.trial - 1)].label() + "): " + t.state;
        if (!t.slurm_state.empty())
            text += " (Slurm " + t.slurm_state + (t.job.empty() ? "" : ", job " + t.job) + ")";
        if (t.result && !t.result->message.empty())
            text += ": " + t.result->message;
        if (!t.log_line.empty())
            text += " -- last log line: " + t.log_line;
        text += "\n";
    }
    return text;
}

} // namespace lstmlab

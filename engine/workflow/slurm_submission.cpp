#include "engine/workflow/slurm_submission.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace lstmlab {

std::string write_slurm_script(const SweepFolder& folder, const SlurmOptions& options, const std::string& cli_path)
{
    const std::string path = folder.trials_dir + "/submit.sbatch";
    write_file_atomic(path, slurm_script_text(options, cli_path, folder.trials_dir, int(folder.trials.size())));
    return path;
}

std::vector<int> trials_to_submit(const SweepStatus& status)
{
    std::vector<int> trials;
    for (const TrialStatus& t : status.trials)
        if (!t.succeeded() && !t.queued() && t.state != "diverged")
            trials.push_back(t.trial);
    return trials;
}

SlurmSubmission submit_sweep_folder(const SweepFolder& folder, const std::string& script_path, int max_running)
{
    const SweepStatus status = query_sweep_status(folder);
    if (!status.queue_problem.empty())
        throw Error(status.queue_problem + "; nothing was submitted");
    SlurmSubmission submission;
    submission.trials = trials_to_submit(status);
    if (submission.trials.empty())
        return submission;
    submission.job_id = submit_slurm_array(script_path, submission.trials, max_running);
    record_slurm_job(folder.trials_dir, submission);
    return submission;
}

} // namespace lstmlab

// RunFolder: the on-disk record of one training run (docs/reliability.md R11).
//
//   DIR/run.json      what the run is: command, data, model, training config, status, checkpoint path,
//                     epochs completed, best epoch. Replaced atomically (write_file_atomic) at the start,
//                     after every epoch and at the end, so it is always a complete JSON document.
//   DIR/metrics.csv   one row per completed epoch, appended with a single write() and fsync()'d, so a
//                     SIGKILL at any instant leaves every earlier row intact:
//                       epoch,train_loss,validation_loss,learning_rate,gradient_norm,seconds
//                     Empty cells are "not measured" (no validation windows).
// Reading tolerates exactly one kind of damage, a torn LAST row (killed mid-write): the rows before it
// are returned and the damage is reported, never silently dropped. Anything else is an Error naming
// DIR/metrics.csv:line.
#pragma once

#include "engine/core/json.h"
#include "engine/train/train_config.h"

#include <string>
#include <vector>

namespace lstmlab {

struct RunRecord {
    Json info;                          // run.json
    std::vector<EpochRecord> epochs;    // metrics.csv rows that are complete
    std::string torn_row;               // empty, or a sentence describing the incomplete last row
};

class RunFolder {
public:
    // Creates DIR if needed; writes run.json and, unless `keep_epochs` is given, a fresh metrics.csv
    // holding `keep_epochs` (the history of a resumed run, rewritten atomically).
    RunFolder(const std::string& directory, const Json& info, const std::vector<EpochRecord>& keep_epochs);

    void append_epoch(const EpochRecord& record);   // one row, fsync'd; throws Error on failure
    void update_info(const Json& info);             // atomic run.json

    const std::string& directory() const { return m_directory; }

    static RunRecord read(const std::string& directory);

private:
    std::string m_directory;
};

// The metrics.csv text of these rows (header included).
std::string metrics_csv(const std::vector<EpochRecord>& epochs);

} // namespace lstmlab

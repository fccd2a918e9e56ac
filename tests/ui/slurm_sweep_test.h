// Shared by the Sweep tab's Slurm suites: a SweepView on the bundled CO2 series (no main window) with
// a tiny 3-trial grid, and the Slurm settings a user would enter.
#pragma once

#include "engine/workflow/run_options.h"
#include "engine/workflow/slurm_script.h"
#include "tests/ui/gui_test_support.h"
#include "ui/sweep/slurm_fields.h"
#include "ui/sweep/sweep_editor.h"
#include "ui/sweep/sweep_view.h"

#include <QLineEdit>
#include <QSpinBox>

namespace lstmlab::test {

inline QString co2Csv() { return QString::fromStdString(source_path("resources/data/co2.csv")); }

// 3 trials of a 4-unit LSTM, 2 epochs each: a fraction of a second per trial.
inline QString tinyGrid()
{
    return QStringLiteral(R"({"mode": "grid", "seeds": 1, "fixed": {"epochs": 2, "hidden": [4], "seq-len": 8},
 "grid": {"lr": [0.01, 0.005, 0.002]}})");
}

inline OptionValues co2Options() { return {{"target", "CO2"}, {"seq-len", "8"}}; }

// The view's settings: the CO2 file with its target, the grid in the editor, the lstmlab-cli of the build.
inline void setUpSweepView(ui::SweepView& view)
{
    view.setContextProvider([] {
        const RunOptions run = make_run_options(co2Options());
        return ui::SweepContext{co2Csv(), run.pipeline, run.model, run.train, QString()};
    });
    view.editor()->setText(tinyGrid());
    view.setCliPath(QStringLiteral(LSTMLAB_CLI_PATH));
}

// The Slurm settings entered in the fields; returns them as the engine's SlurmOptions.
inline SlurmOptions enterSlurmFields(ui::SlurmFields& fields, const QString& folder, const QString& partition = {})
{
    fields.setBackend(ui::SlurmFields::Backend::Slurm);
    fields.partitionEdit()->setText(partition);
    fields.timeEdit()->setText(QStringLiteral("0:10:00"));
    fields.memoryEdit()->setText(QStringLiteral("500M"));
    fields.maxRunningBox()->setValue(2);
    fields.extraEdit()->setText(QStringLiteral("--nice=0"));
    fields.setFolder(folder);
    SlurmOptions options;
    options.partition = partition.toStdString();
    options.time = "0:10:00";
    options.memory = "500M";
    options.max_running = 2;
    options.extra = {"--nice=0"};
    return options;
}

} // namespace lstmlab::test

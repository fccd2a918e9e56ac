// Fuzz harness for the workbench's experiment files (ui/session/experiment.h, Qt Core only): the bytes
// are a file's text. experimentFromJson accepts or refuses with an lstmlab::Error; an accepted
// experiment written back and read again gives the same file (the second write equals the first).
#include "fuzz_harness.h"

#include "ui/session/experiment.h"

#include <QString>

namespace lstmlab::fuzz {
namespace {

constexpr std::string_view target = "experiment";

// Never opened: it names the file in messages and anchors a relative checkpoint path.
const QString experiment_path = QStringLiteral("/nonexistent/lstmlab-fuzz/experiment.json");

} // namespace

bool fuzz_experiment(Bytes input)
{
    const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    ui::Experiment experiment;
    if (!accepts(target, [&] { experiment = ui::experimentFromJson(text, experiment_path); }))
        return false;
    std::string once;
    std::string twice;
    if (!accepts(target, [&] {
            once = ui::experimentToJson(experiment, experiment_path);
            twice = ui::experimentToJson(ui::experimentFromJson(once, experiment_path), experiment_path);
        }))
        fuzz_failure(target, "experimentFromJson refuses what experimentToJson wrote");
    if (once != twice)
        fuzz_failure(target, "the experiment round trip changed the file:\n" + once + "\nbecame\n" + twice);
    return true;
}

} // namespace lstmlab::fuzz

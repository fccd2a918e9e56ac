// Fuzz harness for sweep files (engine/workflow/sweep_spec.h): the bytes are a file's text.
// parse_sweep accepts or refuses with an lstmlab::Error; an accepted sweep is expanded as
// `lstmlab-cli sweep --target Close` does, which validates every configuration (refused ones are
// listed as skipped) and labels every trial.
#include "fuzz_harness.h"

#include "engine/workflow/sweep_spec.h"

namespace lstmlab::fuzz {
namespace {

constexpr std::string_view target = "sweep";

} // namespace

bool fuzz_sweep(Bytes input)
{
    const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    SweepSpec spec;
    if (!accepts(target, [&] { spec = parse_sweep(text, "sweep.json"); }))
        return false;
    accepts(target, [&] {
        const SweepPlan plan = expand_sweep(spec, {{"target", "Close"}}, 0);
        for (const Trial& trial : plan.trials)
            (void)trial.label();
    });
    return true;
}

} // namespace lstmlab::fuzz

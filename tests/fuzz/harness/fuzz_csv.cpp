// Fuzz harness for the CSV path: the bytes are a file handed to load_csv three ways, and whatever
// loads goes on to what the apps do next (inspect's text and JSON, the pipeline fit, the pipeline's
// JSON as a checkpoint stores it).
#include "fuzz_harness.h"
#include "memory_file.h"

#include "engine/core/json.h"
#include "engine/data/csv_load.h"
#include "engine/data/inspect.h"
#include "engine/data/pipeline.h"
#include "engine/data/pipeline_json.h"

#include <optional>

namespace lstmlab::fuzz {
namespace {

constexpr std::string_view target = "csv";

// Choices that would otherwise need bytes of the input (which would stop the seeds being CSV files):
// drawn from the input's size, so one input always takes the same path.
struct Choices {
    MissingPolicy missing;
    Transform target_transform;
    Transform feature_transform;
    ScalerKind scaler;
    int sequence_length;
    int horizon;
};

Choices choices_for(std::size_t size)
{
    constexpr MissingPolicy policies[] = {MissingPolicy::Drop, MissingPolicy::ForwardFill, MissingPolicy::Error,
                                          MissingPolicy::Keep};
    constexpr Transform transforms[] = {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn,
                                        Transform::Log};
    constexpr ScalerKind scalers[] = {ScalerKind::ZScore, ScalerKind::MinMax, ScalerKind::None};
    return {policies[size % 4], transforms[size % 5], transforms[(size / 5) % 5], scalers[(size / 25) % 3],
            int(1 + (size / 7) % 4), int(1 + (size / 3) % 2)};
}

// inspect's two renderings of a loaded file; the JSON one must be valid JSON.
void render(const LoadResult& loaded)
{
    const InspectReport report = summarize_load(loaded);
    (void)render_inspect_text(report);
    const std::string json = render_inspect_json(report);
    if (!accepts(target, [&] { (void)parse_json(json, "inspect JSON"); }))
        fuzz_failure(target, "render_inspect_json wrote JSON that parse_json refuses: " + json.substr(0, 200));
}

// Fits a pipeline on the numeric columns, as the CLI's train would, and round-trips its JSON.
void fit(const Frame& frame, const Choices& choice)
{
    std::vector<std::string> numbers;
    for (const Column& column : frame.columns)
        if (column.kind == ColumnKind::Number && numbers.size() < 3)
            numbers.push_back(column.name);
    if (numbers.empty())
        return;
    PipelineConfig config;
    config.target = {numbers.front(), choice.target_transform};
    for (const std::string& name : numbers)
        config.features.push_back({name, name == numbers.front() ? choice.target_transform : choice.feature_transform});
    config.sequence_length = choice.sequence_length;
    config.horizon = choice.horizon;
    config.scaler = choice.scaler;
    config.missing = choice.missing;
    std::optional<PreparedData> prepared;
    accepts(target, [&] { prepared = prepare_data(frame, config, ""); });
    if (!prepared)
        return;
    (void)pipeline_summary(*prepared);
    const std::string once = to_json(prepared->pipeline);
    std::string twice;
    if (!accepts(target, [&] { twice = to_json(pipeline_from_json(once, "pipeline")); }))
        fuzz_failure(target, "pipeline_from_json refuses what to_json(FittedPipeline) wrote: " + once.substr(0, 300));
    if (once != twice)
        fuzz_failure(target, "the FittedPipeline JSON round trip changed it: " + once.substr(0, 300));
}

} // namespace

bool fuzz_csv(Bytes input)
{
    const MemoryFile file(input);
    const Choices choice = choices_for(input.size());

    // 1. As inspect loads: every column optional, missing values kept.
    LoadOptions inspect_options;
    inspect_options.missing = MissingPolicy::Keep;
    std::optional<LoadResult> loaded;
    accepts(target, [&] { loaded = load_csv(file.path(), inspect_options); });
    if (!loaded)
        return false;
    accepts(target, [&] { render(*loaded); });

    // 2. As train loads: the numeric columns used strictly, under one missing-value policy.
    LoadOptions strict;
    for (const Column& column : loaded->frame.columns)
        if (column.kind == ColumnKind::Number)
            strict.used_columns.push_back(column.name);
    strict.missing = choice.missing;
    std::optional<LoadResult> used;
    accepts(target, [&] { used = load_csv(file.path(), strict); });
    if (used)
        accepts(target, [&] { fit(used->frame, choice); });

    // 3. With no time column at all: the first column may be a feature then.
    LoadOptions untimed = strict;
    untimed.time_column = "";
    untimed.used_columns.clear();
    untimed.missing = MissingPolicy::Drop;
    accepts(target, [&] { (void)load_csv(file.path(), untimed); });
    return true;
}

} // namespace lstmlab::fuzz

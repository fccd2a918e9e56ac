// Fuzz harness for the CSV path: the bytes are a file handed to load_csv three ways, under import
// options (CsvOptions) drawn from the input's size, and whatever loads goes on to what the apps do next
// (inspect's text and JSON, the pipeline fit, the pipeline's JSON as a checkpoint stores it). Loading
// again with the settled options (LoadReport::effective, what predict reads with) must keep every row.
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
    CsvOptions csv;
};

Choices choices_for(std::size_t size)
{
    constexpr MissingPolicy policies[] = {MissingPolicy::Drop, MissingPolicy::ForwardFill, MissingPolicy::Error,
                                          MissingPolicy::Keep};
    constexpr Transform transforms[] = {Transform::Level, Transform::Diff, Transform::Return, Transform::LogReturn,
                                        Transform::Log};
    constexpr ScalerKind scalers[] = {ScalerKind::ZScore, ScalerKind::MinMax, ScalerKind::None};
    Choices choice{policies[size % 4], transforms[size % 5], transforms[(size / 5) % 5], scalers[(size / 25) % 3],
                   int(1 + (size / 7) % 4), int(1 + (size / 3) % 2), CsvOptions{}};
    // Import options: one in three inputs keeps the defaults (every option auto).
    if (size % 3 != 0) {
        constexpr const char* decimals[] = {"auto", ".", ","};
        constexpr const char* thousands[] = {"auto", "none", "space", "'"};
        constexpr const char* formats[] = {"auto", "DMY", "MDY", "YMD", "unix-s", "unix-ms", "index", "%d.%m.%Y %H:%M"};
        constexpr const char* duplicates[] = {"error", "first", "last", "mean"};
        CsvOptions& csv = choice.csv;
        set_csv_option(csv, "decimal", decimals[(size / 11) % 3]);
        set_csv_option(csv, "thousands", thousands[(size / 13) % 4]);
        set_csv_option(csv, "time-format", formats[(size / 17) % 8]);
        set_csv_option(csv, "duplicates", duplicates[(size / 19) % 4]);
        set_csv_option(csv, "encoding", (size / 23) % 2 ? "latin1" : "utf8");
    }
    return choice;
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
void fit(const Frame& frame, const Choices& choice, const CsvOptions& csv)
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
    config.csv = csv;
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

    // Under the drawn import options (the file's acceptance above is with the defaults, as its seed
    // name says); whatever loads must load again, row for row, with the options it settled.
    LoadOptions drawn = inspect_options;
    drawn.csv = choice.csv;
    std::optional<LoadResult> imported;
    accepts(target, [&] { imported = load_csv(file.path(), drawn); });
    if (imported) {
        accepts(target, [&] { render(*imported); });
        LoadOptions settled = drawn;
        settled.csv = imported->report.effective;
        std::optional<LoadResult> again;
        if (!accepts(target, [&] { again = load_csv(file.path(), settled); }))
            fuzz_failure(target, "load_csv refuses the file with the options it settled: " +
                                     csv_options_command_line(imported->report.effective));
        if (again && again->frame.rows() != imported->frame.rows())
            fuzz_failure(target, "the settled options read " + std::to_string(again->frame.rows()) + " rows instead of " +
                                     std::to_string(imported->frame.rows()));
    }

    // 2. As train loads: the numeric columns used strictly, under one missing-value policy.
    LoadOptions strict;
    for (const Column& column : loaded->frame.columns)
        if (column.kind == ColumnKind::Number)
            strict.used_columns.push_back(column.name);
    strict.missing = choice.missing;
    strict.csv = choice.csv;
    std::optional<LoadResult> used;
    accepts(target, [&] { used = load_csv(file.path(), strict); });
    if (used)
        accepts(target, [&] { fit(used->frame, choice, used->report.effective); });

    // 3. With no time column at all: the first column may be a feature then.
    LoadOptions untimed = strict;
    untimed.csv.time_column = "";
    untimed.used_columns.clear();
    untimed.missing = MissingPolicy::Drop;
    accepts(target, [&] { (void)load_csv(file.path(), untimed); });
    return true;
}

} // namespace lstmlab::fuzz

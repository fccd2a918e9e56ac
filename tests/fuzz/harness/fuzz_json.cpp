// Fuzz harness for JSON and the configuration readers built on it: the bytes are a document.
//   - parse_json accepts or refuses; an accepted value survives to_json (compact and pretty) and
//     parse_json again unchanged;
//   - the typed readers of the checkpoint metadata and configuration files (ModelSpec, TrainConfig,
//     TrainState, FittedPipeline) run on the value and on each member of an object (so a whole
//     experiment-like document reaches every reader), and whatever they accept survives their own
//     JSON round trip.
#include "fuzz_harness.h"

#include "engine/core/json.h"
#include "engine/data/pipeline_json.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/train_json.h"

namespace lstmlab::fuzz {
namespace {

constexpr std::string_view target = "json";

void check_reparse(const Json& value, bool pretty)
{
    const std::string text = to_json(value, pretty);
    Json again;
    if (!accepts(target, [&] { again = parse_json(text, "again"); }))
        fuzz_failure(target, "parse_json refuses what to_json wrote: " + text.substr(0, 300));
    if (!(again == value))
        fuzz_failure(target, "the JSON round trip changed the value: " + text.substr(0, 300));
}

void read_as_configuration(const Json& value)
{
    accepts(target, [&] {
        const ModelSpec spec = model_spec_from_json(value, "model");
        if (!(model_spec_from_json(model_spec_to_json(spec), "again") == spec))
            fuzz_failure(target, "the ModelSpec JSON round trip changed the spec");
    });
    accepts(target, [&] {
        const Json once = train_config_to_json(train_config_from_json(value, "train.config"));
        if (!(train_config_to_json(train_config_from_json(once, "again")) == once))
            fuzz_failure(target, "the TrainConfig JSON round trip changed it: " + to_json(once));
    });
    accepts(target, [&] {
        const Json once = train_state_to_json(train_state_from_json(value, "train.state"));
        if (!(train_state_to_json(train_state_from_json(once, "again")) == once))
            fuzz_failure(target, "the TrainState JSON round trip changed it: " + to_json(once).substr(0, 300));
    });
    accepts(target, [&] {
        const std::string once = to_json(pipeline_from_json_value(value, "data"));
        if (to_json(pipeline_from_json(once, "again")) != once)
            fuzz_failure(target, "the FittedPipeline JSON round trip changed it: " + once.substr(0, 300));
    });
}

} // namespace

bool fuzz_json(Bytes input)
{
    const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    Json value;
    if (!accepts(target, [&] { value = parse_json(text, "input.json"); }))
        return false;
    check_reparse(value, false);
    check_reparse(value, true);
    read_as_configuration(value);
    if (value.is_object())
        for (const JsonMember& member : value.members())
            read_as_configuration(member.value);
    return true;
}

} // namespace lstmlab::fuzz

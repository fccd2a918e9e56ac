// Fuzz harness for the checkpoint path: the bytes are a .safetensors file.
//   1. parse_safetensors (in memory) and read_safetensors (from a file) must agree: both accept, or
//      both refuse with the same message after the source name;
//   2. an accepted container re-serialised and parsed again holds the same tensors and metadata (R4);
//   3. load_checkpoint (the R1 gate the apps use) accepts or refuses; an accepted checkpoint builds
//      its model, runs one forward pass, and its ModelSpec and pipeline survive their JSON round trip.
#include "fuzz_harness.h"
#include "memory_file.h"

#include "engine/data/pipeline_json.h"
#include "engine/io/checkpoint.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/safetensors.h"

#include <cstring>
#include <functional>
#include <optional>

namespace lstmlab::fuzz {
namespace {

constexpr std::string_view target = "checkpoint";

// The message without the leading source name, which differs between the two readers.
std::string after_source(const std::string& message, const std::string& source)
{
    return message.starts_with(source) ? message.substr(source.size()) : "(does not start with the source) " + message;
}

std::string refusal(const std::function<void()>& body)
{
    try {
        body();
    } catch (const Error& error) {
        return error.what();
    } catch (const std::exception& error) {
        fuzz_failure(target, std::string("a non-lstmlab exception escaped: ") + error.what());
    }
    return {};
}

void check_round_trip(const SafetensorsFile& file)
{
    std::vector<TensorToWrite> tensors;
    for (const SafetensorsTensor& t : file.tensors()) {
        const auto bytes = file.bytes(t);
        tensors.push_back({t.name, t.dtype, t.shape, bytes.data(), bytes.size()});
    }
    std::optional<SafetensorsFile> again;
    std::vector<std::byte> serialized;
    if (!accepts(target, [&] { serialized = serialize_safetensors(tensors, file.metadata()); }))
        fuzz_failure(target, "serialize_safetensors refuses the tensors of a file parse_safetensors accepted");
    if (!accepts(target, [&] { again = parse_safetensors(serialized, "again"); }))
        fuzz_failure(target, "parse_safetensors refuses what serialize_safetensors wrote");
    if (again->metadata() != file.metadata() || again->tensors().size() != file.tensors().size())
        fuzz_failure(target, "the safetensors round trip changed the metadata or the tensor count");
    for (const SafetensorsTensor& t : file.tensors()) {
        const SafetensorsTensor* other = again->find(t.name);
        if (!other || other->dtype != t.dtype || other->shape != t.shape)
            fuzz_failure(target, "the safetensors round trip changed tensor \"" + t.name + "\"");
        const auto a = file.bytes(t);
        const auto b = again->bytes(*other);
        if (a.size() != b.size() || (!a.empty() && std::memcmp(a.data(), b.data(), a.size()) != 0))
            fuzz_failure(target, "the safetensors round trip changed the bytes of \"" + t.name + "\"");
    }
}

void use_checkpoint(const Checkpoint& checkpoint)
{
    const auto model = make_model(checkpoint);
    constexpr int steps = 2;
    constexpr int batch = 1;
    const ColMatrix<float> x = ColMatrix<float>::Zero(checkpoint.spec.features, steps * batch);
    const auto predictions = model->forward(x, steps, batch, Mode::inference);
    if (predictions.rows() != checkpoint.spec.outputs || predictions.cols() != batch)
        fuzz_failure(target, "forward() returned predictions of the wrong shape");

    const ModelSpec spec = model_spec_from_json(model_spec_to_json(checkpoint.spec), "spec");
    if (!(spec == checkpoint.spec))
        fuzz_failure(target, "the ModelSpec JSON round trip changed the spec");
    if (checkpoint.pipeline) {
        const std::string once = to_json(*checkpoint.pipeline);
        if (to_json(pipeline_from_json(once, "pipeline")) != once)
            fuzz_failure(target, "the FittedPipeline JSON round trip changed it: " + once.substr(0, 300));
    }
}

} // namespace

bool fuzz_checkpoint(Bytes input)
{
    const auto bytes = std::as_bytes(input);
    const MemoryFile file(input);
    std::optional<SafetensorsFile> parsed;
    const std::string in_memory = refusal([&] { parsed = parse_safetensors(bytes, "memory"); });
    const std::string from_file = refusal([&] { (void)read_safetensors(file.path()); });
    if (after_source(in_memory, "memory") != after_source(from_file, file.path()))
        fuzz_failure(target, "parse_safetensors and read_safetensors disagree: \"" + in_memory + "\" vs \"" +
                                 from_file + "\"");
    if (!in_memory.empty()) {
        check_message(target, in_memory);
        return false;
    }
    accepts(target, [&] { check_round_trip(*parsed); });

    std::optional<Checkpoint> checkpoint;
    accepts(target, [&] { checkpoint = load_checkpoint(file.path()); });
    if (!checkpoint)
        return false;
    accepts(target, [&] { use_checkpoint(*checkpoint); });
    return true;
}

} // namespace lstmlab::fuzz

// ModelSpec <-> JSON: the "model" entry of a checkpoint's __metadata__, and model settings in
// experiment and sweep files.
//
//   {"cell":"lstm","hidden":[64,32],"bidirectional":false,"attention":false,"dropout":0.2,
//    "features":5,"outputs":1}
//
// Keys are written in this order, always all of them, and numbers exactly (dropout 0.2 reads back
// as the same double). Reading accepts the same object; a key that is absent takes ModelSpec's
// default, as the reference PyTorch module (resources/python/lstmlab_torch.py, spec_from_json)
// does. Reading rejects, with one sentence naming the place:
//   an unknown key          `model: unknown key "colour" (known keys: cell, hidden, ...)`
//   a wrong type            `model.hidden[1]: expected an integer, got "x"`
//   an unknown cell         `model.cell: "rnn" is not a cell type (use lstm or gru)`
//   an invalid spec         `model: --dropout: 1.5 is outside [0, 1)` (ModelSpec::validate())
#pragma once

#include "engine/core/json.h"
#include "engine/nn/model_spec.h"

#include <string>
#include <string_view>

namespace lstmlab {

Json model_spec_to_json(const ModelSpec& spec);
// `where` names the object in messages ("model", "grid.json: model").
ModelSpec model_spec_from_json(const Json& value, std::string_view where);

// Text forms: compact JSON, and parsing a whole document (`source_name` starts JSON syntax errors,
// and the spec's problems: `m.safetensors metadata "model": features: 0 is outside 1..100000`).
std::string model_spec_to_text(const ModelSpec& spec);
ModelSpec parse_model_spec(std::string_view text, std::string_view source_name);

} // namespace lstmlab

#include "engine/io/model_spec_json.h"

#include "engine/core/error.h"
#include "engine/core/stored_setting.h"

namespace lstmlab {

Json model_spec_to_json(const ModelSpec& spec)
{
    Json::Array hidden;
    for (const int size : spec.hidden)
        hidden.emplace_back(size);
    Json out = Json::object();
    out.set("cell", cell_name(spec.cell));
    out.set("hidden", std::move(hidden));
    out.set("bidirectional", spec.bidirectional);
    out.set("attention", spec.attention);
    out.set("dropout", spec.dropout);
    out.set("features", spec.features);
    out.set("outputs", spec.outputs);
    return out;
}

ModelSpec model_spec_from_json(const Json& value, std::string_view where)
{
    reject_unknown_keys(value, {"cell", "hidden", "bidirectional", "attention", "dropout", "features", "outputs"},
                        where);
    const auto path = [&](std::string_view key) { return json_member_path(where, key); };
    ModelSpec spec;
    if (const Json* cell = value.find("cell")) {
        const std::string& name = get_string(*cell, path("cell"));
        if (name != "lstm" && name != "gru")
            throw Error(path("cell") + ": " + describe_json(*cell) + " is not a cell type (use lstm or gru)");
        spec.cell = parse_cell(name);
    }
    if (const Json* hidden = value.find("hidden")) {
        const auto& sizes = get_array(*hidden, path("hidden"));
        spec.hidden.clear();
        for (std::size_t k = 0; k < sizes.size(); ++k)
            spec.hidden.push_back(get_int(sizes[k], json_index_path(path("hidden"), k)));
    }
    if (const Json* bidirectional = value.find("bidirectional"))
        spec.bidirectional = get_bool(*bidirectional, path("bidirectional"));
    if (const Json* attention = value.find("attention"))
        spec.attention = get_bool(*attention, path("attention"));
    if (const Json* dropout = value.find("dropout"))
        spec.dropout = get_double(*dropout, path("dropout"));
    if (const Json* features = value.find("features"))
        spec.features = get_int(*features, path("features"));
    if (const Json* outputs = value.find("outputs"))
        spec.outputs = get_int(*outputs, path("outputs"));
    try {
        spec.validate();
    } catch (const Error& error) {
        throw Error(stored_setting_message(std::string(where), error.what()));
    }
    return spec;
}

std::string model_spec_to_text(const ModelSpec& spec) { return to_json(model_spec_to_json(spec)); }

ModelSpec parse_model_spec(std::string_view text, std::string_view source_name)
{
    return model_spec_from_json(parse_json(text, source_name), source_name);
}

} // namespace lstmlab

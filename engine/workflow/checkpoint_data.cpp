#include "engine/workflow/checkpoint_data.h"

#include "engine/core/error.h"
#include "engine/core/sha256.h"

namespace lstmlab {

CheckpointData prepare_checkpoint_data(const std::string& csv_path, const Checkpoint& checkpoint)
{
    if (!checkpoint.pipeline)
        throw Error(checkpoint_name(checkpoint) + " holds a model only, no data pipeline (its metadata has no \"data\"), "
                    "so LSTM Lab cannot know which columns, transforms, scaling and window length the model expects; "
                    "save it with the \"data\" metadata of an LSTM Lab checkpoint trained on the same columns "
                    "(README, Checkpoint format)");
    const FittedPipeline& fitted = *checkpoint.pipeline;
    LoadOptions options;
    options.used_columns = used_columns(fitted.config);
    options.missing = fitted.config.missing;
    options.csv = fitted.config.csv;
    options.csv.time_column = fitted.time_column;
    LoadResult loaded = load_csv(csv_path, options);
    CheckpointData result;
    result.data = apply_pipeline(loaded.frame, fitted);
    result.frame = std::move(loaded.frame);
    const std::string sha = sha256_file_hex(csv_path);
    result.data.pipeline.source_sha256 = sha;
    result.same_file = sha == fitted.source_sha256;
    if (!result.same_file)
        result.note = "note: " + csv_path + " is not the file the model was trained on (" + fitted.source_file +
                      "); its windows use the stored statistics unchanged and its split follows the stored fractions";
    return result;
}

} // namespace lstmlab

// TrainConfig and TrainState as JSON: the "train" entry of a checkpoint's metadata.
//
// {"config": {"epochs":50,"batch_size":64,"learning_rate":0.001,"weight_decay":0,"beta1":0.9,
//             "beta2":0.999,"eps":1e-8,"loss":"mse","clip":1,"patience":10,
//             "plateau":{"patience":0,"factor":0.5,"min_lr":1e-6,"threshold":0.0001},
//             "seed":42,"threads":1},
//  "state":  {"status":"finished","completed_epochs":12,"target_epochs":50,"next_batch":0,"step":660,
//             "shuffle_state":"<hex>-<hex>-<hex>-<hex>","dropout_state":"...","learning_rate":0.001,
//             "best_validation":0.0123,"best_epoch":9,"epochs_without_improvement":3,"plateau_wait":0,
//             "plateau_best":null,"epoch_loss_sum":0,"epoch_samples":0,"epoch_norm_sum":0,
//             "epoch_seconds":0,"stop_reason":"",
//             "history":{"epoch":[1,2],"train_loss":[..],"validation_loss":[..],"learning_rate":[..],
//                        "gradient_norm":[..],"seconds":[..]}}}
// Numbers are written in their shortest exact form, so a resumed run continues bit for bit;
// NaN and infinities (no validation yet, no best yet) are written as null.
#pragma once

#include "engine/core/json.h"
#include "engine/train/train_config.h"

#include <string_view>

namespace lstmlab {

Json train_config_to_json(const TrainConfig& config);
TrainConfig train_config_from_json(const Json& value, std::string_view where);

Json train_state_to_json(const TrainState& state);
TrainState train_state_from_json(const Json& value, std::string_view where);

} // namespace lstmlab

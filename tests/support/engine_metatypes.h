// Engine types carried in QTest data rows. Declared once here: test files of one directory are
// compiled together (test_main.h), and a type may be declared a metatype only once per translation unit.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/loss.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"

#include <QMetaType>

Q_DECLARE_METATYPE(lstmlab::CellType)
Q_DECLARE_METATYPE(lstmlab::LossKind)
Q_DECLARE_METATYPE(lstmlab::ModelSpec)
Q_DECLARE_METATYPE(lstmlab::PipelineConfig)
Q_DECLARE_METATYPE(lstmlab::TrainConfig)

// Spin boxes of run options: the range the option table allows (engine/workflow/run_option_table.h),
// so a form never offers a value the engine refuses, and the object name "setting_<key>" by which
// tests find the field (tst_setting_ranges).
#pragma once

#include <string>

class QDoubleSpinBox;
class QSpinBox;

namespace lstmlab::ui {

// [min, max] of the whole-number option `key` ("horizon": 1..100), clipped to int.
void setUpSettingBox(QSpinBox* box, const std::string& key);
// [min, max] of the number option `key`; a positive minimum below what the box's decimals can show
// becomes the smallest step it shows (learning rate 1e-12 -> 0.000001 at six decimals).
void setUpSettingBox(QDoubleSpinBox* box, const std::string& key);

} // namespace lstmlab::ui

#include "ui/common/setting_box.h"

#include "engine/workflow/run_option_table.h"

#include <QDoubleSpinBox>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

namespace lstmlab::ui {
namespace {

const RunOption& rangedOption(const std::string& key)
{
    const RunOption* option = find_run_option(key);
    if (!option || !(option->kind == OptionKind::whole || option->kind == OptionKind::whole_list ||
                     option->kind == OptionKind::number))
        throw std::logic_error("setUpSettingBox: \"" + key + "\" is not a whole or number option of the table");
    return *option;
}

} // namespace

void setUpSettingBox(QSpinBox* box, const std::string& key)
{
    const RunOption& option = rangedOption(key);
    box->setRange(int(std::max<double>(option.min, INT_MIN)), int(std::min<double>(option.max, INT_MAX)));
    box->setObjectName(QStringLiteral("setting_") + QString::fromStdString(key));
}

void setUpSettingBox(QDoubleSpinBox* box, const std::string& key)
{
    const RunOption& option = rangedOption(key);
    const double step = std::pow(10.0, -box->decimals());
    box->setRange(option.min > 0 ? std::max(option.min, step) : option.min, option.max);
    box->setObjectName(QStringLiteral("setting_") + QString::fromStdString(key));
}

} // namespace lstmlab::ui

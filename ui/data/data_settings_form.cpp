#include "ui/data/data_settings_form.h"

#include "ui/common/hints.h"
#include "ui/common/setting_box.h"
#include "ui/common/setting_words.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>

namespace lstmlab::ui {
namespace {

constexpr ScalerKind scalers[] = {ScalerKind::ZScore, ScalerKind::MinMax, ScalerKind::None};
constexpr MissingPolicy policies[] = {MissingPolicy::Error, MissingPolicy::Drop, MissingPolicy::ForwardFill};

QSlider* percentSlider(int low, int high)
{
    auto* slider = new QSlider(Qt::Horizontal);
    slider->setRange(low, high);
    slider->setPageStep(5);
    return slider;
}

} // namespace

DataSettingsForm::DataSettingsForm(QWidget* parent) : QWidget(parent)
{
    m_sequenceLength = new QSpinBox;
    setUpSettingBox(m_sequenceLength, "seq-len");
    m_sequenceLength->setValue(20);
    m_horizon = new QSpinBox;
    setUpSettingBox(m_horizon, "horizon");
    m_horizon->setValue(1);
    m_train = percentSlider(10, 95);
    m_train->setValue(70);
    m_validation = percentSlider(0, 45);
    m_validation->setValue(15);
    m_splitLabel = new QLabel;
    m_scaler = new QComboBox;
    for (const char* scaler : {"zscore", "minmax", "none"})
        m_scaler->addItem(settingValueLabel("scaler", scaler));
    m_missing = new QComboBox;
    for (const char* policy : {"error", "drop", "ffill"})
        m_missing->addItem(settingValueLabel("missing", policy));
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #8a6d1c;"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(settingLabel("seq-len"), m_sequenceLength);
    form->addRow(settingLabel("horizon"), m_horizon);
    form->addRow(tr("Train"), m_train);
    form->addRow(tr("Validation"), m_validation);
    form->addRow(QString(), m_splitLabel);
    form->addRow(settingLabel("scaler"), m_scaler);
    form->addRow(settingLabel("missing"), m_missing);
    form->addRow(m_hint);

    for (QSpinBox* box : {m_sequenceLength, m_horizon})
        connect(box, &QSpinBox::valueChanged, this, [this] { updateHints(); emit changed(); });
    for (QSlider* slider : {m_train, m_validation})
        connect(slider, &QSlider::valueChanged, this, [this] { updateHints(); emit changed(); });
    for (QComboBox* box : {m_scaler, m_missing})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { emit changed(); });
    updateHints();
}

void DataSettingsForm::updateHints()
{
    // Keep train + validation <= 100 %: the slider being moved wins, the other gives way.
    if (m_train->value() + m_validation->value() > 100) {
        QSlider* other = sender() == m_validation ? m_train : m_validation;
        other->setValue(100 - (other == m_train ? m_validation->value() : m_train->value()));
    }
    const int test = 100 - m_train->value() - m_validation->value();
    m_splitLabel->setText(tr("train %1 %  ·  validation %2 %  ·  test %3 %")
                              .arg(m_train->value()).arg(m_validation->value()).arg(test));
    QStringList notes;
    const Hint t = hintFor(Setting::SequenceLength, m_sequenceLength->value());
    const Hint h = hintFor(Setting::Horizon, m_horizon->value());
    m_sequenceLength->setStyleSheet(hintStyle(t.level));
    m_horizon->setStyleSheet(hintStyle(h.level));
    m_sequenceLength->setToolTip(t.text);
    m_horizon->setToolTip(h.text);
    for (const Hint& hint : {t, h})
        if (hint.level != HintLevel::Ok)
            notes << hint.text;
    m_hint->setText(notes.join(QLatin1Char('\n')));
    m_hint->setVisible(!notes.isEmpty());
}

void DataSettingsForm::writeTo(PipelineConfig& config) const
{
    config.sequence_length = m_sequenceLength->value();
    config.horizon = m_horizon->value();
    config.split.train = m_train->value() / 100.0;
    config.split.validation = m_validation->value() / 100.0;
    config.split.test = (100 - m_train->value() - m_validation->value()) / 100.0;
    config.scaler = scalers[m_scaler->currentIndex()];
    config.missing = policies[m_missing->currentIndex()];
}

void DataSettingsForm::readFrom(const PipelineConfig& config)
{
    m_sequenceLength->setValue(config.sequence_length);
    m_horizon->setValue(config.horizon);
    m_validation->setValue(0);
    m_train->setValue(int(std::lround(config.split.train * 100)));
    m_validation->setValue(int(std::lround(config.split.validation * 100)));
    m_scaler->setCurrentIndex(int(std::find(std::begin(scalers), std::end(scalers), config.scaler) - std::begin(scalers)));
    const auto policy = std::find(std::begin(policies), std::end(policies), config.missing);
    m_missing->setCurrentIndex(policy == std::end(policies) ? 0 : int(policy - std::begin(policies)));
}

} // namespace lstmlab::ui

#include "ui/train/hyperparameter_form.h"

#include "ui/common/hints.h"
#include "ui/common/setting_box.h"
#include "ui/common/setting_words.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace lstmlab::ui {
namespace {

constexpr LossKind losses[] = {LossKind::mse, LossKind::mae, LossKind::huber};

QLabel* hintLabel()
{
    auto* label = new QLabel;
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    label->setMinimumWidth(250);
    return label;
}

QWidget* withHint(QWidget* field, QLabel* hint)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field);
    layout->addWidget(hint, 1);
    return row;
}

void showHint(QWidget* field, QLabel* label, const Hint& hint)
{
    field->setStyleSheet(hintStyle(hint.level));
    label->setText(hint.text);
    label->setStyleSheet(hint.level == HintLevel::Ok ? QStringLiteral("color: palette(placeholder-text);")
                         : hint.level == HintLevel::Unusual ? QStringLiteral("color: #9a6a00;")
                                                            : QStringLiteral("color: #b03030;"));
}

} // namespace

HyperparameterForm::HyperparameterForm(QWidget* parent) : QWidget(parent)
{
    m_epochs = new QSpinBox;
    setUpSettingBox(m_epochs, "epochs");
    m_batch = new QSpinBox;
    setUpSettingBox(m_batch, "batch-size");
    m_learningRate = new QDoubleSpinBox;
    m_learningRate->setDecimals(6);
    setUpSettingBox(m_learningRate, "lr");
    m_learningRate->setSingleStep(0.0001);
    m_weightDecay = new QDoubleSpinBox;
    m_weightDecay->setDecimals(6);
    setUpSettingBox(m_weightDecay, "weight-decay");
    m_weightDecay->setSingleStep(0.0001);
    m_loss = new QComboBox;
    m_loss->addItems({tr("MSE"), tr("MAE"), tr("Huber")});
    m_clip = new QDoubleSpinBox;
    setUpSettingBox(m_clip, "clip");
    m_clip->setSpecialValueText(tr("off"));
    m_patience = new QSpinBox;
    setUpSettingBox(m_patience, "patience");
    m_patience->setSpecialValueText(tr("off"));
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    m_epochsHint = hintLabel();
    m_batchHint = hintLabel();
    m_learningRateHint = hintLabel();

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(settingLabel("epochs"), withHint(m_epochs, m_epochsHint));
    form->addRow(settingLabel("batch-size"), withHint(m_batch, m_batchHint));
    form->addRow(settingLabel("lr"), withHint(m_learningRate, m_learningRateHint));
    form->addRow(settingLabel("weight-decay"), m_weightDecay);
    form->addRow(settingLabel("loss"), m_loss);
    form->addRow(settingLabel("clip"), m_clip);
    form->addRow(settingLabel("patience"), m_patience);
    form->addRow(settingLabel("seed"), m_seed);

    readFrom(TrainConfig{});
    for (QSpinBox* box : {m_epochs, m_batch, m_patience, m_seed})
        connect(box, &QSpinBox::valueChanged, this, [this] { updateHints(); emit changed(); });
    for (QDoubleSpinBox* box : {m_learningRate, m_weightDecay, m_clip})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { updateHints(); emit changed(); });
    connect(m_loss, &QComboBox::currentIndexChanged, this, [this] { emit changed(); });
}

void HyperparameterForm::updateHints()
{
    const Hint epochs = hintFor(Setting::Epochs, m_epochs->value());
    const Hint batch = hintFor(Setting::BatchSize, m_batch->value());
    const Hint rate = hintFor(Setting::LearningRate, m_learningRate->value());
    showHint(m_epochs, m_epochsHint, epochs);
    showHint(m_batch, m_batchHint, batch);
    showHint(m_learningRate, m_learningRateHint, rate);
    m_problem.clear();
    for (const Hint& hint : {epochs, batch, rate})
        if (hint.level == HintLevel::Invalid && m_problem.isEmpty())
            m_problem = hint.text;
}

void HyperparameterForm::writeTo(TrainConfig& config) const
{
    config.epochs = m_epochs->value();
    config.batch_size = m_batch->value();
    config.adam.learning_rate = m_learningRate->value();
    config.adam.weight_decay = m_weightDecay->value();
    config.loss = losses[m_loss->currentIndex()];
    config.clip = m_clip->value();
    config.patience = m_patience->value();
    config.seed = std::uint64_t(m_seed->value());
}

void HyperparameterForm::readFrom(const TrainConfig& config)
{
    m_epochs->setValue(config.epochs);
    m_batch->setValue(config.batch_size);
    m_learningRate->setValue(config.adam.learning_rate);
    m_weightDecay->setValue(config.adam.weight_decay);
    m_loss->setCurrentIndex(int(std::find(std::begin(losses), std::end(losses), config.loss) - std::begin(losses)));
    m_clip->setValue(config.clip);
    m_patience->setValue(config.patience);
    m_seed->setValue(int(std::min<std::uint64_t>(config.seed, 2147483647u)));
    updateHints();
}

TrainConfig HyperparameterForm::config() const
{
    TrainConfig config;
    writeTo(config);
    return config;
}

QString HyperparameterForm::problem() const { return m_problem; }

} // namespace lstmlab::ui

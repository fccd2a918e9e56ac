#include "ui/sweep/sweep_editor.h"

#include "engine/core/error.h"
#include "ui/sweep/sweep_options.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace lstmlab::ui {
namespace {

constexpr SweepMode modes[] = {SweepMode::grid, SweepMode::random, SweepMode::list};
constexpr int skippedShown = 6;

// Keys, strings, numbers and literals in distinct colours; nothing else is interpreted.
class JsonHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString& text) override
    {
        static const QRegularExpression token(
            QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\btrue\b|\bfalse\b|\bnull\b)"));
        for (auto it = token.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            QTextCharFormat format;
            const QChar first = m.captured(0).front();
            if (first == QLatin1Char('"'))
                format.setForeground(m.capturedLength(1) > 0 ? QColor(0x1a, 0x4f, 0x8a) : QColor(0x2e, 0x7d, 0x32));
            else if (first.isLetter())
                format.setForeground(QColor(0xb0, 0x5a, 0x00));
            else
                format.setForeground(QColor(0x7b, 0x1f, 0xa2));
            setFormat(int(m.capturedStart(0)), int(m.capturedLength(0) - m.capturedLength(1)), format);
        }
    }
};

} // namespace

SweepEditor::SweepEditor(QWidget* parent) : QWidget(parent)
{
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("sweep_mode"));
    m_mode->addItems({tr("grid"), tr("random"), tr("list")});
    m_mode->setToolTip(tr("Choosing another mode replaces the text with an example of that mode (fixed options are kept)."));
    m_seeds = new QSpinBox;
    m_seeds->setObjectName(QStringLiteral("sweep_seeds"));
    m_seeds->setRange(1, 1000);
    m_seeds->setToolTip(tr("Repeats of every configuration with seeds seed, seed+1, …: the spread tells a real "
                           "difference from seed noise."));
    m_tutorial = new QPushButton(tr("Tutorial grid"));
    m_tutorial->setToolTip(tr("The tutorial's four configurations (hidden size, layers, dropout, learning rate)."));
    m_fromCurrent = new QPushButton(tr("Start from current model"));
    m_fromCurrent->setToolTip(tr("The Model and Train settings as fixed options, the learning rate varied."));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Mode")));
    controls->addWidget(m_mode);
    controls->addWidget(new QLabel(tr("Seeds")));
    controls->addWidget(m_seeds);
    controls->addStretch(1);
    controls->addWidget(m_tutorial);
    controls->addWidget(m_fromCurrent);

    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("sweep_text"));
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(fixed.pointSizeF() * 0.9);   // a tutorial configuration line fits the panel
    m_text->setFont(fixed);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTabStopDistance(2 * m_text->fontMetrics().horizontalAdvance(QLatin1Char(' ')));
    new JsonHighlighter(m_text->document());
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("sweep_status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_skipped = new QLabel;
    m_skipped->setWordWrap(true);
    m_skipped->setStyleSheet(QStringLiteral("color: #9a6a00;"));
    m_skipped->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_skipped);

    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(checkDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &SweepEditor::check);
    connect(m_text, &QPlainTextEdit::textChanged, m_checkTimer, qOverload<>(&QTimer::start));
    connect(m_mode, &QComboBox::activated, this, &SweepEditor::onModeChosen);
    connect(m_seeds, &QSpinBox::valueChanged, this, &SweepEditor::onSeedsChosen);
    connect(m_tutorial, &QPushButton::clicked, this, [this] { setText(QString::fromUtf8(default_sweep_text().data(), qsizetype(default_sweep_text().size()))); });
    connect(m_fromCurrent, &QPushButton::clicked, this, &SweepEditor::startFromCurrentRequested);
    setText(QString::fromUtf8(default_sweep_text().data(), qsizetype(default_sweep_text().size())));
}

void SweepEditor::setText(const QString& text)
{
    m_text->setPlainText(text);
    check();
}

QString SweepEditor::text() const { return m_text->toPlainText(); }

void SweepEditor::setDataSettings(const std::optional<PipelineConfig>& pipeline, const QString& dataProblem)
{
    m_pipeline = pipeline;
    m_dataProblem = dataProblem;
    check();
}

void SweepEditor::check()
{
    m_checkTimer->stop();
    m_spec.reset();
    m_plan.reset();
    m_problem.clear();
    markErrorLine(-1);
    try {
        SweepSpec spec = parse_sweep(text().toStdString(), sourceName);
        m_syncing = true;
        m_mode->setCurrentIndex(int(std::find(std::begin(modes), std::end(modes), spec.mode) - std::begin(modes)));
        m_seeds->setValue(spec.seeds);
        m_syncing = false;
        PipelineConfig probe;   // without data: a stand-in target, so the count still shows
        probe.target.column = "x";
        probe.features = {{"x", Transform::Level}};
        const OptionValues base = sweepBaseOptions(m_pipeline ? *m_pipeline : probe, spec);
        m_plan = expand_sweep(spec, base, 0);
        m_spec = std::move(spec);
    } catch (const Error& e) {
        m_syncing = false;
        m_problem = QString::fromStdString(e.what());
        static const QRegularExpression at(QStringLiteral("^%1:(\\d+):\\d+:").arg(QRegularExpression::escape(QLatin1String(sourceName))));
        if (const QRegularExpressionMatch m = at.match(m_problem); m.hasMatch())
            markErrorLine(m.captured(1).toInt());
    }
    if (m_plan) {
        const int configurations = m_plan->configurations - int(m_plan->skipped.size());
        const int seeds = configurations > 0 ? int(m_plan->trials.size()) / configurations : 0;
        QString count = tr("%n configuration(s)", nullptr, configurations) + QStringLiteral(" × ") +
                        tr("%n seed(s)", nullptr, seeds) + QStringLiteral(" = ") + tr("%n trial(s)", nullptr, int(m_plan->trials.size()));
        if (!m_pipeline) {
            m_problem = m_dataProblem.isEmpty() ? tr("Open a CSV file first (Data step).") : m_dataProblem;
            count += QStringLiteral(" — ") + m_problem;
        }
        m_status->setText(count);
        m_status->setStyleSheet(m_pipeline ? QString() : QStringLiteral("color: #9a6a00;"));
        QStringList skipped;
        for (const SkippedConfiguration& s : m_plan->skipped) {
            if (skipped.size() == skippedShown) {
                skipped << tr("… and %n more.", nullptr, int(m_plan->skipped.size()) - skippedShown);
                break;
            }
            QStringList varied;
            for (const auto& [name, value] : s.varied)
                varied << QString::fromStdString(name + " " + value);
            skipped << tr("Configuration %1 (%2) is not run: %3").arg(s.configuration + 1).arg(varied.join(QStringLiteral(", ")),
                                                                                              QString::fromStdString(s.reason));
        }
        m_skipped->setText(skipped.join(QLatin1Char('\n')));
        m_skipped->setVisible(!skipped.isEmpty());
    } else {
        m_status->setText(m_problem);
        m_status->setStyleSheet(QStringLiteral("color: #b03030;"));
        m_skipped->hide();
    }
    emit planChanged();
}

void SweepEditor::onModeChosen(int index)
{
    if (m_spec && m_spec->mode == modes[index])
        return;
    const OptionValues fixed = m_spec ? m_spec->fixed : OptionValues{};
    setText(sweepTemplate(modes[index], fixed, m_seeds->value()));
}

void SweepEditor::onSeedsChosen(int seeds)
{
    if (m_syncing)
        return;
    QString text = this->text();
    static const QRegularExpression key(QStringLiteral(R"(("seeds"\s*:\s*)\d+)"));
    if (key.match(text).hasMatch())
        text.replace(key, QStringLiteral("\\1") + QString::number(seeds));
    else
        text.replace(QRegularExpression(QStringLiteral(R"(^(\s*\{))")), QStringLiteral("\\1\n  \"seeds\": %1,").arg(seeds));
    // One undoable edit (setPlainText would clear the undo history).
    QTextCursor cursor = m_text->textCursor();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    m_checkTimer->start();
}

void SweepEditor::markErrorLine(int line)
{
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
    if (line > 0 && block.isValid()) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(QColor(0xfd, 0xe2, 0xe2));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections << selection;
    }
    m_text->setExtraSelections(selections);
}

} // namespace lstmlab::ui

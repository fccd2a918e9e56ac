#include "ui/data/import_dialog.h"

#include "engine/core/error.h"
#include "engine/data/csv_load.h"
#include "engine/data/time_syntax.h"
#include "ui/common/setting_words.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lstmlab::ui {
namespace {

constexpr qint64 sample_bytes_limit = 1 << 20;  // the preview reads at most the first MiB

QStringList choices(const std::string& name)
{
    if (name == "delimiter")
        return {"auto", ",", ";", "tab", "|"};
    if (name == "decimal")
        return {"auto", ".", ","};
    if (name == "thousands")
        return {"auto", "none", ",", ".", "space", "'"};
    if (name == "time-column")
        return {"auto", "none"};
    if (name == "time-format")
        return {"auto", "ISO", "DMY", "MDY", "YMD", "unix-s", "unix-ms", "index"};
    if (name == "duplicates")
        return {"error", "first", "last", "mean"};
    return {"utf8", "latin1"};
}

QString label(const std::string& name) { return settingLabel(name); }

QString settingsKey(const QString& path) { return QStringLiteral("import/") + QFileInfo(path).absoluteFilePath(); }

} // namespace

ImportDialog::ImportDialog(const QString& path, const CsvOptions& initial, QWidget* parent)
    : QDialog(parent), m_path(path)
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    auto* layout = new QVBoxLayout(this);
    auto* grid = new QGridLayout;
    const auto& names = csv_option_names();
    for (std::size_t k = 0; k < names.size(); ++k) {
        auto* box = new QComboBox(this);
        box->setObjectName(QString::fromStdString(names[k]));
        box->addItems(choices(names[k]));
        box->setEditable(names[k] == "time-column" || names[k] == "time-format");
        box->setCurrentText(QString::fromStdString(csv_option_text(initial, names[k])));
        box->setMinimumContentsLength(8);
        const int row = int(k % 4);
        const int column = int(k / 4) * 2;
        m_labels.push_back(new QLabel(label(names[k]), this));
        grid->addWidget(m_labels.back(), row, column);
        grid->addWidget(box, row, column + 1);
        connect(box, &QComboBox::currentTextChanged, this, [this] { refresh(); });
        m_combos.push_back(box);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("preview"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    layout->addWidget(m_table, 1);
    m_time = new QLabel(this);
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_flags = new QLabel(this);
    m_flags->setWordWrap(true);
    m_flags->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b03030;"));
    for (QLabel* text : {m_time, m_notes, m_flags, m_error})
        layout->addWidget(text);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(900, 640);

    writeSample();
    refresh();
}

QComboBox* ImportDialog::combo(const QString& name) const
{
    for (QComboBox* box : m_combos)
        if (box->objectName() == name)
            return box;
    return nullptr;
}

void ImportDialog::setOption(const QString& name, const QString& text)
{
    if (QComboBox* box = combo(name))
        box->setCurrentText(text);
}

CsvOptions ImportDialog::options() const
{
    CsvOptions options;
    for (QComboBox* box : m_combos)
        set_csv_option(options, box->objectName().toStdString(), box->currentText().toStdString());
    return options;
}

// Copies the header and the first preview_rows lines into a file of their own: the preview parses
// only them, however large the file is.
void ImportDialog::writeSample()
{
    m_sample = m_dir.filePath(QStringLiteral("preview.csv"));
    QFile in(m_path);
    QFile out(m_sample);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return;
    const QByteArray head = in.read(sample_bytes_limit);
    qsizetype end = 0;
    for (int line = 0; line <= preview_rows && end < head.size(); ++line) {
        const qsizetype next = head.indexOf('\n', end);
        end = next < 0 ? head.size() : next + 1;
    }
    out.write(head.left(end));
}

void ImportDialog::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    m_problem.clear();
    m_report.clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_time->clear();
    m_flags->clear();
    try {
        LoadOptions load;
        load.missing = MissingPolicy::Keep;
        load.csv = options();
        const LoadResult result = load_csv(m_sample.toStdString(), load);
        const Frame& frame = result.frame;
        m_table->setColumnCount(int(frame.columns.size()));
        m_table->setRowCount(int(frame.rows()));
        QStringList headers;
        for (std::size_t c = 0; c < frame.columns.size(); ++c) {
            const Column& column = frame.columns[c];
            headers << QString::fromStdString(column.name);
            for (std::size_t r = 0; r < frame.rows(); ++r) {
                QString text;
                if (column.kind == ColumnKind::Time)
                    text = QString::fromStdString(std::string(frame.time.label(r)));
                else if (column.kind == ColumnKind::Number)
                    text = std::isnan(column.values[r]) ? QString() : QString::number(column.values[r], 'g', 12);
                else
                    text = tr("(text)");
                auto* item = new QTableWidgetItem(text);
                if (column.kind == ColumnKind::Number)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (column.kind == ColumnKind::Text) {
                    item->setForeground(Qt::gray);
                    item->setToolTip(tr("Not a number: \"%1\" on line %2")
                                         .arg(QString::fromStdString(column.first_text))
                                         .arg(column.first_text_line));
                }
                m_table->setItem(int(r), int(c), item);
            }
        }
        m_table->setHorizontalHeaderLabels(headers);
        m_table->resizeColumnsToContents();

        const CsvOptions& settled = result.report.effective;
        for (int k = 0; k < m_combos.size(); ++k) {
            const std::string name = m_combos[k]->objectName().toStdString();
            const QString value = QString::fromStdString(csv_option_text(settled, name));
            m_labels[k]->setText(m_combos[k]->currentText() == "auto" && value != "auto"
                                     ? tr("%1 (auto: %2)").arg(label(name), value)
                                     : label(name));
        }
        QComboBox* timeColumn = combo(QStringLiteral("time-column"));
        if (timeColumn->count() <= 2) {
            const QSignalBlocker block(timeColumn);
            for (const Column& column : frame.columns)
                timeColumn->addItem(QString::fromStdString(column.name));
        }
        if (frame.time.column >= 0)
            m_time->setText(tr("Time column: <b>%1</b>, %2, %3 … %4")
                                .arg(QString::fromStdString(frame.columns[std::size_t(frame.time.column)].name).toHtmlEscaped(),
                                     QString::fromStdString(time_syntax_description(settled.time_syntax, settled.time_pattern)),
                                     QString::fromStdString(std::string(frame.time.label(0))).toHtmlEscaped(),
                                     QString::fromStdString(std::string(frame.time.label(frame.rows() - 1))).toHtmlEscaped()));
        else
            m_time->setText(tr("No time column: rows are numbered."));
        for (const std::vector<SettingPiece>& note : result.report.note_pieces)
            m_report << settingSentence(note);
        m_notes->setText(QStringLiteral("• ") + m_report.join(QStringLiteral("\n• ")));
        m_flags->setText(tr("Command line: %1").arg(QString::fromStdString(csv_options_command_line(settled))));
    } catch (const std::exception& error) {
        m_problem = errorText(error).replace(m_sample, m_path);
        m_notes->clear();
    }
    m_error->setText(m_problem);
    m_error->setVisible(!m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(m_problem.isEmpty());
    m_refreshing = false;
}

CsvOptions ImportDialog::rememberedOptions(const QString& path)
{
    CsvOptions options;
    const QSettings settings;
    const QStringList saved = settings.value(settingsKey(path)).toStringList();
    for (const QString& item : saved) {
        const qsizetype equals = item.indexOf('=');
        try {
            set_csv_option(options, item.left(equals).toStdString(), item.mid(equals + 1).toStdString());
        } catch (const Error&) {
            return CsvOptions{};  // written by another version: start from auto
        }
    }
    return options;
}

void ImportDialog::rememberOptions(const QString& path, const CsvOptions& options)
{
    QStringList items;
    for (const auto& [name, text] : csv_option_values(options))
        items << QString::fromStdString(name + "=" + text);
    QSettings settings;
    settings.setValue(settingsKey(path), items);
}

} // namespace lstmlab::ui

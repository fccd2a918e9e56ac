// ImportDialog: how a CSV will be read, before it is loaded -- in the style of a spreadsheet's text
// import. The first rows (preview_rows) are parsed with the import options (CsvOptions) and shown as
// the table they become; every option is editable and the preview follows at once. Below the table:
// the time column and format that were settled, the import report (reversed, index column skipped,
// decimal comma, ...) and the flags that reproduce the options on the command line; a refusal shows
// the loader's sentence (the same as the CLI's) and disables Open. The options chosen last for a file
// are remembered (QSettings) and offered the next time it is opened.
#pragma once

#include "engine/data/csv_options.h"

#include <QDialog>
#include <QTemporaryDir>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace lstmlab::ui {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int preview_rows = 50;

    ImportDialog(const QString& path, const CsvOptions& initial, QWidget* parent = nullptr);

    // The options as chosen (what was left auto stays auto: the full file settles it).
    CsvOptions options() const;
    // The refusal sentence of the preview, or empty when it loads.
    QString problem() const { return m_problem; }
    QStringList report() const { return m_report; }
    QTableWidget* table() const { return m_table; }
    // Sets one option as the CLI would ("decimal", ","); the preview follows.
    void setOption(const QString& name, const QString& text);

    // The options last accepted for `path` (all auto when none), and remembering them.
    static CsvOptions rememberedOptions(const QString& path);
    static void rememberOptions(const QString& path, const CsvOptions& options);

private:
    void refresh();
    void writeSample();
    QComboBox* combo(const QString& name) const;

    QString m_path;
    QTemporaryDir m_dir;
    QString m_sample;                // the first preview_rows data lines of the file, copied
    QList<QComboBox*> m_combos;      // one per csv_option_names(), in that order
    QList<QLabel*> m_labels;         // their labels; an option left auto shows what it settled to
    QTableWidget* m_table = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_notes = nullptr;
    QLabel* m_flags = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_problem;
    QStringList m_report;
    bool m_refreshing = false;
};

} // namespace lstmlab::ui

// SlurmScriptDialog: the job array script exactly as it will be written and submitted
// (slurm_script_text for the fields entered), read-only in a monospace font, with Submit / Cancel.
// Submitting happens only when the user accepts it.
#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace lstmlab::ui {

class SlurmScriptDialog : public QDialog {
    Q_OBJECT
public:
    // `trialsDir`: the trials folder the script names (written when the user submits).
    SlurmScriptDialog(const QString& script, const QString& trialsDir, int trials, QWidget* parent = nullptr);

    QString script() const;
    QString trialsDir() const { return m_trialsDir; }
    QPlainTextEdit* scriptView() const { return m_view; }
    QPushButton* submitButton() const { return m_submit; }

private:
    QPlainTextEdit* m_view;
    QPushButton* m_submit;
    QString m_trialsDir;
};

} // namespace lstmlab::ui

#include "ui/sweep/slurm_script_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lstmlab::ui {

SlurmScriptDialog::SlurmScriptDialog(const QString& script, const QString& trialsDir, int trials, QWidget* parent)
    : QDialog(parent), m_trialsDir(trialsDir)
{
    setObjectName(QStringLiteral("slurm_script_dialog"));
    setWindowTitle(tr("Submit the sweep to Slurm"));
    auto* note = new QLabel(tr("%n trial(s) as one Slurm job array: this script is written to %1 and submitted with sbatch.",
                               nullptr, trials)
                                .arg(trialsDir + QStringLiteral("/submit.sbatch")));
    note->setWordWrap(true);
    m_view = new QPlainTextEdit(script);
    m_view->setObjectName(QStringLiteral("slurm_script"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_submit = buttons->addButton(tr("Submit"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("slurm_submit"));
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(980, 420);   // the exec line with two absolute paths fits
}

QString SlurmScriptDialog::script() const { return m_view->toPlainText(); }

} // namespace lstmlab::ui

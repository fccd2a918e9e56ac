#include "ui/sweep/slurm_fields.h"

#include "engine/core/error.h"
#include "engine/workflow/external_command.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <functional>

namespace lstmlab::ui {
namespace {

// The engine's sentence with the field's label where the CLI names its flag:
// `--slurm-time: "abc" is not ...` -> `Time limit: "abc" is not ...`.
QString checked(const QString& label, const std::function<void()>& check)
{
    try {
        check();
    } catch (const Error& error) {
        const QString sentence = QString::fromUtf8(error.what());
        const qsizetype colon = sentence.indexOf(QStringLiteral(": "));
        return label + (colon >= 0 ? sentence.mid(colon) : QStringLiteral(": ") + sentence);
    }
    return {};
}

QLineEdit* lineEdit(const char* objectName, const QString& placeholder, const QString& tip)
{
    auto* edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    return edit;
}

} // namespace

SlurmFields::SlurmFields(QWidget* parent) : QWidget(parent), m_hasSbatch(program_on_path("sbatch"))
{
    m_backend = new QComboBox;
    m_backend->setObjectName(QStringLiteral("sweep_backend"));
    m_backend->addItem(tr("Local (this machine)"));
    m_backend->addItem(tr("Slurm (a job array on the cluster)"));
    m_backend->setToolTip(tr("Local trains the trials on this machine's cores; Slurm submits them as one job array "
                             "and follows it."));
    m_partition = lineEdit("slurm_partition", tr("the cluster's default"), tr("The partition (queue) the trials run in."));
    m_time = lineEdit("slurm_time", tr("the partition's default"),
                      tr("Time limit of each trial: minutes (30), H:M:S (2:00:00) or D-H (1-12)."));
    m_memory = lineEdit("slurm_memory", tr("the cluster's default"), tr("Memory of each trial, e.g. 2G or 500M."));
    m_account = lineEdit("slurm_account", tr("none"), tr("The account the trials are charged to."));
    m_maxRunning = new QSpinBox;
    m_maxRunning->setObjectName(QStringLiteral("slurm_max_running"));
    m_maxRunning->setRange(0, 100000);
    m_maxRunning->setSpecialValueText(tr("no limit"));
    m_maxRunning->setToolTip(tr("Trials running at the same time (the array's %K throttle)."));
    m_extra = lineEdit("slurm_extra", QStringLiteral("--qos=short --constraint=avx2"),
                       tr("More sbatch options, each written as one #SBATCH line of the script."));
    m_folder = lineEdit("slurm_folder", QString(), tr("The sweep's results and trials folder go here; the cluster's "
                                                      "nodes must see it at the same path (a shared file system)."));
    m_folder->setText(QDir::homePath() + QStringLiteral("/lstmlab-sweeps"));
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("slurm_note"));
    m_note->setWordWrap(true);

    m_slurm = new QWidget;
    auto* form = new QFormLayout(m_slurm);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Partition"), m_partition);
    form->addRow(tr("Time limit"), m_time);
    form->addRow(tr("Memory"), m_memory);
    form->addRow(tr("Account"), m_account);
    form->addRow(tr("Max running"), m_maxRunning);
    form->addRow(tr("More sbatch options"), m_extra);
    form->addRow(tr("Sweeps folder"), m_folder);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QFormLayout;
    top->addRow(tr("Run on"), m_backend);
    layout->addLayout(top);
    layout->addWidget(m_slurm);
    layout->addWidget(m_note);

    connect(m_backend, &QComboBox::currentIndexChanged, this, [this] { refresh(); emit changed(); });
    for (QLineEdit* edit : {m_partition, m_time, m_memory, m_account, m_extra, m_folder})
        connect(edit, &QLineEdit::textChanged, this, [this] { refresh(); emit changed(); });
    connect(m_maxRunning, &QSpinBox::valueChanged, this, [this] { emit changed(); });
    refresh();
}

SlurmFields::Backend SlurmFields::backend() const { return m_backend->currentIndex() == 1 ? Backend::Slurm : Backend::Local; }

void SlurmFields::setBackend(Backend backend) { m_backend->setCurrentIndex(backend == Backend::Slurm ? 1 : 0); }

SlurmOptions SlurmFields::options() const
{
    SlurmOptions options;
    options.partition = m_partition->text().trimmed().toStdString();
    options.time = m_time->text().trimmed().toStdString();
    options.memory = m_memory->text().trimmed().toStdString();
    options.account = m_account->text().trimmed().toStdString();
    options.max_running = m_maxRunning->value();
    try {
        options.extra = split_slurm_extra(m_extra->text().toStdString());
    } catch (const Error&) {
        options.extra.clear();   // fieldProblem() says why
    }
    return options;
}

QString SlurmFields::folder() const { return QDir(m_folder->text().trimmed()).absolutePath(); }

void SlurmFields::setFolder(const QString& folder) { m_folder->setText(folder); }

QString SlurmFields::fieldProblem() const
{
    const SlurmOptions o = options();
    QString problem;
    if (!o.partition.empty())
        problem = checked(tr("Partition"), [&] { check_slurm_name("partition", o.partition); });
    if (problem.isEmpty() && !o.time.empty())
        problem = checked(tr("Time limit"), [&] { check_slurm_time(o.time); });
    if (problem.isEmpty() && !o.memory.empty())
        problem = checked(tr("Memory"), [&] { check_slurm_memory(o.memory); });
    if (problem.isEmpty() && !o.account.empty())
        problem = checked(tr("Account"), [&] { check_slurm_name("account", o.account); });
    if (problem.isEmpty())
        problem = checked(tr("More sbatch options"), [&] { split_slurm_extra(m_extra->text().toStdString()); });
    if (problem.isEmpty() && m_folder->text().trimmed().isEmpty())
        problem = tr("Sweeps folder: choose the folder the sweep is written to (the cluster's nodes must see it).");
    // Slurm's #SBATCH lines and output patterns take no quoting (the CLI refuses such paths too).
    if (problem.isEmpty() && folder().contains(QRegularExpression(QStringLiteral("[ \t\n%\"'\\\\]"))))
        problem = tr("Sweeps folder: \"%1\" holds a space, quote, backslash or %, which a Slurm script cannot carry; "
                     "choose a folder without them.").arg(folder());
    return problem;
}

QString SlurmFields::problem() const
{
    if (backend() == Backend::Local)
        return {};
    if (!m_hasSbatch)
        return noSbatchSentence();
    return fieldProblem();
}

QString SlurmFields::noSbatchSentence()
{
    return tr("This machine has no Slurm client (sbatch is not on PATH): run the workbench on a login node of the "
              "cluster, or use Local.");
}

void SlurmFields::setHasSbatch(bool has)
{
    m_hasSbatch = has;
    refresh();
    emit changed();
}

void SlurmFields::refresh()
{
    const bool slurm = backend() == Backend::Slurm;
    m_slurm->setVisible(slurm);
    const QString text = problem();
    m_note->setVisible(slurm && !text.isEmpty());
    m_note->setText(text);
    m_note->setStyleSheet(QStringLiteral("color: #b03030;"));
}

} // namespace lstmlab::ui

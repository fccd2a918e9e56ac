// SlurmFields: where the Sweep tab's trials run -- Local (threads of this process) or Slurm (a job
// array, as `lstmlab-cli sweep --backend slurm`) -- and, for Slurm, the array's settings: partition,
// time limit and memory of each trial, account, trials running at once (the array's %K) and more
// sbatch options, plus the folder the trials folder goes into (the cluster's nodes must see it at
// the same path, and a Slurm script cannot carry a path with spaces or quotes).
//
// Each field is checked with the engine's own checks (slurm_script.h), so the sentences are the
// CLI's, with the field's label where the CLI names its flag. problem() is the first of them, or the
// one sentence saying that this machine has no sbatch (Slurm's client commands are missing): the
// view then disables Submit and shows it, instead of failing when it submits.
#pragma once

#include "engine/workflow/slurm_script.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lstmlab::ui {

class SlurmFields : public QWidget {
    Q_OBJECT
public:
    enum class Backend { Local, Slurm };

    explicit SlurmFields(QWidget* parent = nullptr);

    Backend backend() const;
    void setBackend(Backend backend);
    // The options as entered (unchecked); see problem().
    SlurmOptions options() const;
    // The folder Slurm sweeps are written under (absolute).
    QString folder() const;
    void setFolder(const QString& folder);
    // "" when the fields are valid and sbatch is on PATH; else one sentence for the user.
    QString problem() const;
    // The field problems alone (what the script preview depends on).
    QString fieldProblem() const;

    // Whether this machine can submit (sbatch on PATH); tests may pretend either way.
    bool hasSbatch() const { return m_hasSbatch; }
    void setHasSbatch(bool has);
    static QString noSbatchSentence();

    QComboBox* backendBox() const { return m_backend; }
    QLineEdit* partitionEdit() const { return m_partition; }
    QLineEdit* timeEdit() const { return m_time; }
    QLineEdit* memoryEdit() const { return m_memory; }
    QLineEdit* accountEdit() const { return m_account; }
    QSpinBox* maxRunningBox() const { return m_maxRunning; }
    QLineEdit* extraEdit() const { return m_extra; }
    QLineEdit* folderEdit() const { return m_folder; }

signals:
    void changed();

private:
    void refresh();

    QComboBox* m_backend;
    QWidget* m_slurm;
    QLineEdit* m_partition;
    QLineEdit* m_time;
    QLineEdit* m_memory;
    QLineEdit* m_account;
    QSpinBox* m_maxRunning;
    QLineEdit* m_extra;
    QLineEdit* m_folder;
    QLabel* m_note;
    bool m_hasSbatch;
};

} // namespace lstmlab::ui

// SweepEditor: the sweep file as JSON text (the CLI's format, engine/workflow/sweep_spec.h), with
// the mode and seeds as controls, "Tutorial grid" (the engine's default sweep: the tutorial's four
// configurations) and "Start from current model" (the Model and Train settings as fixed options).
//
// Every edit is checked shortly after typing stops: the engine parses and expands the text with the
// current Data settings as base options, and the editor shows either the trial count or the
// engine's one sentence (`sweep.json:line:column: where: reason`, its line tinted in the text), and
// the configurations the engine refuses with their reasons. The text is the one source of truth:
// the mode and seeds controls follow it, and changing them rewrites it.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/workflow/sweep_spec.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace lstmlab::ui {

class SweepEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int checkDelayMs = 250;
    static constexpr const char* sourceName = "sweep.json";

    explicit SweepEditor(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    // The current Data settings (nothing while no data is loaded, with `dataProblem` saying so).
    void setDataSettings(const std::optional<PipelineConfig>& pipeline, const QString& dataProblem);
    // Checks the text now (the editor also does it on its own after typing stops).
    void check();

    // The expanded plan when the text is valid (also without data, for the count).
    const std::optional<SweepPlan>& plan() const { return m_plan; }
    // Empty when a sweep can run; else one sentence (the engine's, or what is missing).
    QString problem() const { return m_problem; }

    QPlainTextEdit* textEdit() const { return m_text; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* skippedLabel() const { return m_skipped; }
    QPushButton* tutorialButton() const { return m_tutorial; }
    QPushButton* fromCurrentButton() const { return m_fromCurrent; }

signals:
    void planChanged();
    void startFromCurrentRequested();

private:
    void onModeChosen(int index);
    void onSeedsChosen(int seeds);
    void markErrorLine(int line);

    std::optional<PipelineConfig> m_pipeline;
    QString m_dataProblem;
    std::optional<SweepSpec> m_spec;
    std::optional<SweepPlan> m_plan;
    QString m_problem;
    bool m_syncing = false;   // controls follow the text without rewriting it
    QComboBox* m_mode;
    QSpinBox* m_seeds;
    QPushButton* m_tutorial;
    QPushButton* m_fromCurrent;
    QPlainTextEdit* m_text;
    QLabel* m_status;
    QLabel* m_skipped;
    QTimer* m_checkTimer;
};

} // namespace lstmlab::ui

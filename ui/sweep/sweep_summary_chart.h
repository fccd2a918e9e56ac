// SweepSummaryChart: validation loss per configuration across seeds, best first, painted as a
// forest plot: a dot at the mean and a whisker from mean - std to mean + std (sample std, ddof 1,
// engine summarize_sweep). The best configuration is green; a configuration whose whisker reaches
// the best one's is amber ("within seed noise of the best"), so a winner by a hair is not taken for
// a real one; the rest are grey-blue. With one seed per configuration no noise can be estimated:
// the others are then grey and the legend says "one seed: no noise estimate", never "behind". The axis is zoomed to the data (differences of a few percent
// stay visible) and labelled, so no length is read as proportional to the loss.
#pragma once

#include "engine/workflow/sweep_runner.h"

#include <QWidget>

namespace lstmlab::ui {

class SweepSummaryChart : public QWidget {
    Q_OBJECT
public:
    enum class Standing { Best, WithinNoise, Behind, NoNoiseEstimate };

    explicit SweepSummaryChart(QWidget* parent = nullptr);

    // Configurations in the engine's order (best first).
    void setSummary(std::vector<ConfigurationSummary> summary);
    const std::vector<ConfigurationSummary>& summary() const { return m_summary; }
    // How configuration row `k` compares with the best (row 0).
    Standing standing(std::size_t k) const;
    // The legend's entries for the standings shown ("best", …, "one seed: no noise estimate").
    QStringList legendTexts() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<std::pair<QColor, QString>> legend() const;

    std::vector<ConfigurationSummary> m_summary;
};

} // namespace lstmlab::ui

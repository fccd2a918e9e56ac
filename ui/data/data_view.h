// DataView: the first step of the workflow. Open a CSV (button, recent files, drag and drop), watch
// it load off the GUI thread (progress, cancel), read errors as the reader's sentence, preview the
// table, pick column roles and transforms, choose T, H, split, scaler and missing policy, and see
// the chosen columns over time with the split's target ranges as coloured bands.
#pragma once

#include "engine/data/pipeline.h"
#include "ui/controller/data_loader.h"

#include <QWidget>

#include <optional>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace lstmlab::ui {

class ColumnRolesTable;
class DataSettingsForm;
class FrameTableModel;
class SeriesChart;

class DataView : public QWidget {
    Q_OBJECT
public:
    explicit DataView(QWidget* parent = nullptr);

    // Loads `path` with the import options last chosen for it (all auto the first time).
    void openFile(const QString& path);
    // Shows the import dialog for `path` (File > Open, drag and drop) and loads it with the options chosen.
    void importFile(const QString& path);
    void setRecentFiles(const QStringList& paths);
    // Applies a saved configuration now, or to the next file that loads (matched by column names).
    void setPipelineConfig(const PipelineConfig& config);

    LoadedDataPtr loadedData() const { return m_data; }
    bool isLoading() const;
    // The configuration the controls describe (features, target, T, H, split, scaler, missing, and the
    // import options the file was loaded with).
    PipelineConfig pipelineConfig() const;
    // Empty when a run can start; else one sentence saying what is missing.
    QString configProblem() const;
    SeriesChart* chart() const { return m_chart; }
    QLabel* transformNote() const { return m_transformNote; }
    // One sentence per used column whose transform needs positive values it does not have
    // (transform_domain_problem); empty when every transform applies.
    QStringList transformProblems() const;

signals:
    void loadStarted(const QString& path);
    void dataLoaded(lstmlab::ui::LoadedDataPtr data);
    void loadFailed(const QString& path, const QString& sentence);
    void loadCancelled(const QString& path);
    void configChanged();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void load(const QString& path, const CsvOptions& csv);
    void onLoaded(LoadedDataPtr data);
    void chooseFile();
    void refreshChart();
    void refreshBands();
    void showError(const QString& text);

    DataLoader* m_loader;
    LoadedDataPtr m_data;
    std::optional<PipelineConfig> m_pendingConfig;
    CsvOptions m_csv;   // the import options of the current (or loading) file
    QPushButton* m_open;
    QToolButton* m_recent;
    QMenu* m_recentMenu;
    QLabel* m_file;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_error;
    QLabel* m_windows;
    QLabel* m_transformNote;   // why a chosen transform cannot take a column (values <= 0)
    ColumnRolesTable* m_roles;
    DataSettingsForm* m_settings;
    SeriesChart* m_chart;
    FrameTableModel* m_tableModel;
    QTableView* m_table;
};

} // namespace lstmlab::ui

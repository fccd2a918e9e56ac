#include "ui/data/data_view.h"

#include "ui/common/setting_words.h"
#include "ui/data/import_dialog.h"

#include "engine/core/error.h"
#include "engine/data/windows.h"
#include "ui/common/chart_support.h"
#include "ui/common/hints.h"
#include "ui/data/column_roles_table.h"
#include "ui/data/data_settings_form.h"
#include "ui/data/frame_table_model.h"
#include "ui/data/series_chart.h"

#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lstmlab::ui {

DataView::DataView(QWidget* parent) : QWidget(parent), m_loader(new DataLoader(this))
{
    setAcceptDrops(true);
    m_open = new QPushButton(QIcon(QStringLiteral(":/lstmlab/icons/open.svg")), tr("Open CSV…"));
    m_recentMenu = new QMenu(this);
    m_recent = new QToolButton;
    m_recent->setText(tr("Recent"));
    m_recent->setMenu(m_recentMenu);
    m_recent->setPopupMode(QToolButton::InstantPopup);
    m_file = new QLabel(tr("No data yet: open a CSV or drop one here."));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(220);
    m_cancel = new QPushButton(tr("Cancel"));
    m_progress->hide();
    m_cancel->hide();
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b03030; font-weight: bold;"));
    m_error->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(m_open);
    top->addWidget(m_recent);
    top->addWidget(m_file, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);

    m_roles = new ColumnRolesTable;
    m_settings = new DataSettingsForm;
    m_windows = new QLabel;
    m_windows->setWordWrap(true);
    auto* rolesBox = new QGroupBox(tr("Columns"));
    auto* rolesLayout = new QVBoxLayout(rolesBox);
    rolesLayout->addWidget(m_roles, 1);
    m_transformNote = new QLabel;
    m_transformNote->setWordWrap(true);
    m_transformNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_transformNote->setStyleSheet(QStringLiteral("color: #b03030;"));
    m_transformNote->hide();
    rolesLayout->addWidget(m_transformNote);
    auto* rolesHelp = new QLabel(tr("<b>Features</b> are the model's inputs; the <b>target</b> is what it predicts, "
                                    "after its transform (log returns suit a positive series such as a price, a demand or a "
                                    "load; differences suit any series). Predictions are turned back into the target's "
                                    "own units for the charts and metrics. Tick <b>Plot</b> to "
                                    "draw a column."));
    rolesHelp->setWordWrap(true);
    rolesHelp->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    rolesLayout->addWidget(rolesHelp);
    auto* settingsBox = new QGroupBox(tr("Windows, split and scaling"));
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(m_settings);
    settingsLayout->addWidget(m_windows);
    settingsLayout->addWidget(makeHintLegendLabel());
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(rolesBox, 1);
    leftLayout->addWidget(settingsBox);

    m_chart = new SeriesChart;
    m_tableModel = new FrameTableModel(this);
    m_table = new QTableView;
    m_table->setModel(m_tableModel);
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_chart);
    right->addWidget(m_table);
    right->setSizes({460, 340});

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 820});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    connect(m_open, &QPushButton::clicked, this, &DataView::chooseFile);
    connect(m_cancel, &QPushButton::clicked, m_loader, &DataLoader::cancel);
    connect(m_loader, &DataLoader::progress, m_progress, &QProgressBar::setValue);
    connect(m_loader, &DataLoader::loaded, this, &DataView::onLoaded);
    connect(m_loader, &DataLoader::failed, this, [this](const QString& path, const QString& sentence) {
        m_progress->hide();
        m_cancel->hide();
        showError(sentence);
        emit loadFailed(path, sentence);
    });
    connect(m_loader, &DataLoader::cancelled, this, [this](const QString& path) {
        m_progress->hide();
        m_cancel->hide();
        m_file->setText(tr("Loading %1 was cancelled.").arg(QFileInfo(path).fileName()));
        emit loadCancelled(path);
    });
    connect(m_roles, &ColumnRolesTable::plotChanged, this, &DataView::refreshChart);
    connect(m_roles, &ColumnRolesTable::rolesChanged, this, [this] { refreshBands(); emit configChanged(); });
    connect(m_settings, &DataSettingsForm::changed, this, [this] { refreshBands(); emit configChanged(); });
}

void DataView::openFile(const QString& path) { load(path, ImportDialog::rememberedOptions(path)); }

void DataView::importFile(const QString& path)
{
    ImportDialog dialog(path, ImportDialog::rememberedOptions(path), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ImportDialog::rememberOptions(path, dialog.options());
    load(path, dialog.options());
}

void DataView::load(const QString& path, const CsvOptions& csv)
{
    m_csv = csv;
    m_error->hide();
    m_file->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    emit loadStarted(path);
    m_loader->load(path, csv);
}

bool DataView::isLoading() const { return m_loader->isLoading(); }

void DataView::setRecentFiles(const QStringList& paths)
{
    m_recentMenu->clear();
    for (const QString& path : paths)
        m_recentMenu->addAction(QFileInfo(path).fileName() + QStringLiteral("  —  ") + path, this,
                                [this, path] { openFile(path); });
    m_recent->setEnabled(!paths.isEmpty());
}

void DataView::setPipelineConfig(const PipelineConfig& config)
{
    m_settings->readFrom(config);
    if (m_data && !isLoading())
        m_roles->applyConfig(config);
    else
        m_pendingConfig = config;
}

void DataView::chooseFile()
{
    const QString dir = m_data ? QFileInfo(m_data->path).absolutePath() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV file"), dir,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void DataView::onLoaded(LoadedDataPtr data)
{
    m_progress->hide();
    m_cancel->hide();
    m_data = std::move(data);
    const LoadReport& report = m_data->result.report;
    m_file->setText(QStringLiteral("<b>%1</b> — %2").arg(QFileInfo(m_data->path).fileName().toHtmlEscaped(),
                                                         QString::fromStdString(report.summary()).toHtmlEscaped()));
    m_file->setToolTip(m_data->path);
    m_tableModel->setFrame(m_data);
    m_roles->setColumns(m_data->summary);
    if (m_pendingConfig) {
        m_roles->applyConfig(*m_pendingConfig);
        m_pendingConfig.reset();
    }
    refreshChart();
    emit dataLoaded(m_data);
    emit configChanged();
}

void DataView::refreshChart()
{
    static const Frame empty;
    m_chart->setSeries(m_data ? m_data->result.frame : empty, m_roles->plottedColumns());
    refreshBands();
}

void DataView::refreshBands()
{
    const QStringList problems = transformProblems();
    m_transformNote->setText(problems.join(QLatin1Char('\n')));
    m_transformNote->setVisible(!problems.isEmpty());
    std::vector<SplitBand> bands;
    m_windows->clear();
    if (!m_data)
        return m_chart->setBands(bands);
    const Frame& frame = m_data->result.frame;
    const PipelineConfig config = pipelineConfig();
    const bool needsPrevious = std::any_of(config.features.begin(), config.features.end(),
                                           [](const ChannelConfig& c) { return transform_needs_previous_row(c.transform); }) ||
                               transform_needs_previous_row(config.target.transform);
    try {
        const WindowPlan plan = plan_windows(frame.rows(), needsPrevious ? 1 : 0, std::size_t(config.sequence_length),
                                             std::size_t(config.horizon), config.split, m_data->path.toStdString());
        // Each band covers the rows its windows predict: first_end + 1 .. last end + H.
        const QColor colours[] = {QColor(0x2e, 0x7d, 0x32), QColor(0xef, 0x8f, 0x00), QColor(0xc6, 0x28, 0x28)};
        const QString names[] = {tr("train"), tr("validation"), tr("test")};
        for (int s = 0; s < 3; ++s) {
            const SplitWindows& w = plan.splits[std::size_t(s)];
            if (w.count == 0)
                continue;
            const std::size_t last = std::min(frame.rows() - 1, w.first_end + w.count - 1 + plan.horizon);
            bands.push_back({rowX(frame, w.first_end + 1), rowX(frame, last), colours[s],
                             QStringLiteral("%1 (%2)").arg(names[s]).arg(w.count)});
        }
        m_windows->setText(QString::fromStdString(plan.summary()));
        m_windows->setStyleSheet(QString());
    } catch (const Error& e) {
        m_windows->setText(errorText(e));
        m_windows->setStyleSheet(QStringLiteral("color: #b03030;"));
    }
    m_chart->setBands(std::move(bands));
}

PipelineConfig DataView::pipelineConfig() const
{
    PipelineConfig config;
    m_settings->writeTo(config);
    config.csv = m_csv;
    config.features = m_roles->features();
    if (const auto target = m_roles->target())
        config.target = *target;
    return config;
}

QStringList DataView::transformProblems() const
{
    QStringList problems;
    if (!m_data)
        return problems;
    const PipelineConfig config = pipelineConfig();
    std::vector<ChannelConfig> channels = config.features;
    if (m_roles->target())
        channels.push_back(config.target);
    for (const ChannelConfig& channel : channels) {
        try {
            const QString problem = QString::fromStdString(
                transform_domain_problem(m_data->result.frame, channel.column, channel.transform));
            if (!problem.isEmpty() && !problems.contains(problem))
                problems << problem;
        } catch (const Error&) {
            // not a number column: the roles table offers no transform for it
        }
    }
    return problems;
}

QString DataView::configProblem() const
{
    if (!m_data)
        return isLoading() ? tr("The data file is still loading.") : tr("Open a CSV file first (Data step).");
    if (m_roles->features().empty())
        return tr("Choose at least one feature column (Data step).");
    if (!m_roles->target())
        return tr("Choose a target column (Data step).");
    if (const QStringList problems = transformProblems(); !problems.isEmpty())
        return problems.first();
    return {};
}

void DataView::showError(const QString& text)
{
    m_error->setText(text);
    m_error->show();
    m_file->setText(tr("Could not load the file."));
}

void DataView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void DataView::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        importFile(urls.first().toLocalFile());
    }
}

} // namespace lstmlab::ui

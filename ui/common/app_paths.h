// Where the workbench keeps its files: the bundled sample datasets (copied out of the resources on
// first use, because the engine reads real files) and the application identity for QSettings.
#pragma once

#include <QString>

namespace lstmlab::ui {

inline constexpr const char* organisationName = "LSTMLab";
inline constexpr const char* applicationName = "LSTM Lab";

// Sets the organisation and application names QSettings and QStandardPaths use.
void setApplicationIdentity();

// A readable copy of a bundled sample (":/lstmlab/data/<name>") under the app data folder, written
// on first use (and again when its size differs). Returns an empty string when it cannot be written.
QString bundledSamplePath(const QString& name = QStringLiteral("co2.csv"));

// The application version from CMake's PROJECT_VERSION.
QString applicationVersion();

} // namespace lstmlab::ui

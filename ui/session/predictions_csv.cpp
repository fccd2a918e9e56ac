#include "ui/session/predictions_csv.h"

#include "engine/core/csv_format.h"
#include "engine/io/atomic_file.h"

#include <charconv>
#include <cmath>

namespace lstmlab::ui {
namespace {

// Shortest exact form; a non-finite value is an empty field (as `lstmlab-cli predict` writes it).
void appendNumber(std::string& out, double value)
{
    if (!std::isfinite(value))
        return;
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// RFC 4180: quote a field that holds a delimiter, a quote or a line break.
void appendField(std::string& out, const std::string& text) { out += csv_field(text); }

} // namespace

std::string predictionsCsv(const ResultsSnapshot& results)
{
    const Forecast& f = results.test;
    const Eigen::Index H = f.predicted.rows();
    std::string out;
    appendField(out, results.pipeline.time_column.empty() ? "row" : results.pipeline.time_column);
    out += ",split";
    for (Eigen::Index h = 1; h <= H; ++h)
        out += H == 1 ? ",actual,predicted" : ",actual_" + std::to_string(h) + ",predicted_" + std::to_string(h);
    out += '\n';
    for (Eigen::Index w = 0; w < f.predicted.cols(); ++w) {
        appendField(out, results.testLabels.value(qsizetype(w)).toStdString());
        out += ",test";
        for (Eigen::Index h = 0; h < H; ++h) {
            out += ',';
            appendNumber(out, f.prices.actual(h, w));
            out += ',';
            appendNumber(out, f.predicted(h, w));
        }
        out += '\n';
    }
    return out;
}

void savePredictionsCsv(const QString& path, const ResultsSnapshot& results)
{
    write_file_atomic(path.toStdString(), predictionsCsv(results));
}

} // namespace lstmlab::ui

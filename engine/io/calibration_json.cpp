#include "engine/io/calibration_json.h"

#include "engine/core/error.h"
#include "engine/core/number_text.h"

#include <cmath>
#include <limits>

namespace lstmlab {

Json calibration_to_json(const ConformalCalibration& calibration)
{
    Json json = Json::object();
    json.set("transform", std::string(transform_name(calibration.transform)));
    Json levels = Json::array();
    for (double level : calibration.levels)
        levels.push_back(level);
    json.set("levels", std::move(levels));
    json.set("windows", calibration.windows);
    Json rows = Json::array();
    for (Eigen::Index l = 0; l < calibration.half_widths.rows(); ++l) {
        Json row = Json::array();
        for (Eigen::Index h = 0; h < calibration.half_widths.cols(); ++h) {
            const double q = calibration.half_widths(l, h);
            row.push_back(std::isfinite(q) ? Json(q) : Json(nullptr));
        }
        rows.push_back(std::move(row));
    }
    json.set("half_widths", std::move(rows));
    return json;
}

ConformalCalibration calibration_from_json(const Json& json, std::string_view where)
{
    reject_unknown_keys(json, {"transform", "levels", "windows", "half_widths"}, where);
    ConformalCalibration calibration;
    const std::string transform_path = json_member_path(where, "transform");
    calibration.transform = parse_transform(get_string(get_member(json, "transform", where), transform_path), transform_path);
    calibration.windows = std::size_t(get_uint64(get_member(json, "windows", where), json_member_path(where, "windows")));
    const std::string levels_path = json_member_path(where, "levels");
    const Json::Array& levels = get_array(get_member(json, "levels", where), levels_path);
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const double level = get_double(levels[l], json_index_path(levels_path, l));
        if (!(level > 0.0 && level < 1.0))
            throw Error(json_index_path(levels_path, l) + ": a level must be between 0 and 1, got " + significant(level));
        calibration.levels.push_back(level);
    }
    const std::string rows_path = json_member_path(where, "half_widths");
    const Json::Array& rows = get_array(get_member(json, "half_widths", where), rows_path);
    if (rows.size() != levels.size())
        throw Error(rows_path + ": " + std::to_string(rows.size()) + " rows of half-widths for " +
                    std::to_string(levels.size()) + " levels");
    for (std::size_t l = 0; l < rows.size(); ++l) {
        const std::string row_path = json_index_path(rows_path, l);
        const Json::Array& row = get_array(rows[l], row_path);
        if (l == 0)
            calibration.half_widths.resize(Eigen::Index(rows.size()), Eigen::Index(row.size()));
        else if (Eigen::Index(row.size()) != calibration.half_widths.cols())
            throw Error(row_path + ": " + std::to_string(row.size()) + " half-widths, the first row has " +
                        std::to_string(calibration.half_widths.cols()));
        for (std::size_t h = 0; h < row.size(); ++h) {
            const std::string path = json_index_path(row_path, h);
            const double q = row[h].is_null() ? std::numeric_limits<double>::infinity() : get_double(row[h], path);
            if (!(q >= 0.0))
                throw Error(path + ": a half-width must not be negative, got " + significant(q));
            calibration.half_widths(Eigen::Index(l), Eigen::Index(h)) = q;
        }
    }
    return calibration;
}

} // namespace lstmlab

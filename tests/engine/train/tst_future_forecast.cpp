// Forecasts past the last row: the future times of each calendar, split-conformal intervals (their
// quantile rule, coverage on exchangeable data, and that rows after the validation split cannot move
// the calibration), and that the last window is the one ending at the last row.
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/future_times.h"
#include "engine/train/conformal.h"
#include "engine/train/forecast.h"
#include "engine/train/future_forecast.h"

#include "tests/engine/data/pipeline_test_frames.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>

namespace tst_future_forecast {

using namespace lstmlab;

namespace {

constexpr std::int64_t day_us = 86'400'000'000;
constexpr std::int64_t hour_us = 3'600'000'000;

std::int64_t date_key(int year, unsigned month, unsigned day) { return days_from_civil(year, month, day) * day_us; }

QStringList labels(const FutureTimes& f)
{
    QStringList out;
    for (const std::string& label : f.labels)
        out << QString::fromStdString(label);
    return out;
}

// Weekdays from 2002-01-02 to 2006-12-29 without 1 January and 25 December (1 January fell on a
// weekday in 2003 and 2004 inside that span).
std::vector<std::int64_t> exchange_days()
{
    std::vector<std::int64_t> keys;
    for (std::int64_t d = days_from_civil(2002, 1, 2); d <= days_from_civil(2006, 12, 29); ++d) {
        const CivilDate c = civil_from_days(d);
        if (weekday_of_key(d * day_us) < 5 && !(c.month == 1 && c.day == 1) && !(c.month == 12 && c.day == 25))
            keys.push_back(d * day_us);
    }
    return keys;
}

SplitPrices prices_from(const std::vector<double>& last, const std::vector<double>& actual)
{
    SplitPrices p;
    p.last_price = last;
    p.actual = Eigen::Map<const Eigen::MatrixXd>(actual.data(), 1, Eigen::Index(actual.size()));
    return p;
}

ModelSpec tiny_spec()
{
    ModelSpec spec;
    spec.hidden = {6};
    spec.features = 1;
    spec.outputs = 2;
    return spec;
}

PreparedData walk_data(const std::vector<double>& values)
{
    PipelineConfig config;
    config.features = {{"P", Transform::LogReturn}};
    config.target = {"P", Transform::LogReturn};
    config.sequence_length = 8;
    config.horizon = 2;
    return prepare_data(test::make_frame({{"P", values}}), config, "");
}

} // namespace

class TestFutureForecast : public QObject {
    Q_OBJECT
private slots:
    void businessDaysSkipClosedDays()
    {
        // The bundled sample's case: the history ends on Friday 2006-12-29 and never holds 1 January.
        const FutureTimes f = future_times(TimeFormat::Date, exchange_days(), 0, 5);
        QCOMPARE(labels(f), (QStringList{"2007-01-02", "2007-01-03", "2007-01-04", "2007-01-05", "2007-01-08"}));
        QVERIFY2(QString::fromStdString(f.evidence).contains("1 January is skipped"), f.evidence.c_str());
        QVERIFY(QString::fromStdString(f.evidence).startsWith("business daily: "));
        // Christmas is closed too.
        std::vector<std::int64_t> to_december = exchange_days();
        while (to_december.back() > date_key(2006, 12, 22))
            to_december.pop_back();
        QCOMPARE(labels(future_times(TimeFormat::Date, to_december, 0, 2)), (QStringList{"2006-12-26", "2006-12-27"}));
    }

    void otherCalendars()
    {
        // Monthly from the 31st: clamped to each month's last day, never drifting.
        std::vector<std::int64_t> month_ends;
        for (int m = 1; m <= 12; ++m)
            month_ends.push_back(date_key(2019, unsigned(m), 28));
        month_ends.push_back(date_key(2020, 1, 31));
        QCOMPARE(labels(future_times(TimeFormat::Date, month_ends, 0, 3)), (QStringList{"2020-02-29", "2020-03-31", "2020-04-30"}));
        std::vector<std::int64_t> months;
        for (int m = 1; m <= 24; ++m)
            months.push_back(date_key(2005 + (m - 1) / 12, unsigned((m - 1) % 12 + 1), 1));
        QCOMPARE(labels(future_times(TimeFormat::Month, months, 0, 2)), (QStringList{"2007-01", "2007-02"}));
        // Daily with weekends: every day.
        std::vector<std::int64_t> days;
        for (int k = 0; k < 30; ++k)
            days.push_back(date_key(2021, 5, 1) + k * day_us);
        QCOMPARE(labels(future_times(TimeFormat::Date, days, 0, 2)), (QStringList{"2021-05-31", "2021-06-01"}));
        // Trading hours 09:00-15:00 on weekdays: Friday 15:00 is followed by Monday 09:00.
        std::vector<std::int64_t> hours;
        for (std::int64_t d = days_from_civil(2022, 3, 7); d <= days_from_civil(2022, 4, 1); ++d)
            if (weekday_of_key(d * day_us) < 5)
                for (int h = 9; h <= 15; ++h)
                    hours.push_back(d * day_us + h * hour_us);
        QCOMPARE(labels(future_times(TimeFormat::DateTime, hours, 0, 2)),
                 (QStringList{"2022-04-04 09:00:00", "2022-04-04 10:00:00"}));
        // An integer index continues in its own step; no time column numbers the rows.
        QCOMPARE(labels(future_times(TimeFormat::Index, {10, 15, 20, 25}, 4, 2)), (QStringList{"30", "35"}));
        const FutureTimes rows = future_times(TimeFormat::None, {}, 100, 2);
        QCOMPARE(labels(rows), (QStringList{"101", "102"}));
        QVERIFY(QString::fromStdString(rows.evidence).contains("numbered after the last row"));
    }

    void conformalQuantileRule()
    {
        // Level transform, residuals 1..9 (n = 9): 80 % takes the ceil(10 x 0.8) = 8th smallest = 8;
        // 95 % needs the 10th of 9: too few windows, an infinite half-width.
        std::vector<double> last(9, 0.0), actual(9, 0.0);
        Eigen::MatrixXd predicted(1, 9);
        for (int k = 0; k < 9; ++k)
            predicted(0, k) = (k % 2 ? -1.0 : 1.0) * (k + 1);
        const ConformalCalibration c = calibrate_intervals(Transform::Level, prices_from(last, actual), predicted, {0.8, 0.95});
        QCOMPARE(c.windows, std::size_t(9));
        QCOMPARE(c.half_widths(0, 0), 8.0);
        QVERIFY(std::isinf(c.half_widths(1, 0)));
        // Log returns: the interval is multiplicative around the prediction, from the last value.
        const ConformalCalibration lr = calibrate_intervals(Transform::LogReturn, prices_from({100, 100}, {110, 100}),
                                                            (Eigen::MatrixXd(1, 2) << 100, 100).finished(), {0.3});
        QCOMPARE(lr.half_widths(0, 0), 0.0);   // ceil(3 x 0.3) = 1st smallest of {0, log 1.1}
        const ConformalCalibration lr2 = calibrate_intervals(Transform::LogReturn, prices_from({100, 100}, {110, 100}),
                                                             (Eigen::MatrixXd(1, 2) << 100, 100).finished(), {0.6});
        // ceil(3 x 0.6) = 2nd smallest
        QVERIFY(std::abs(lr2.half_widths(0, 0) - std::log(1.1)) < 1e-15);
        const IntervalBounds b = interval_bounds(lr2, 0, {50.0}, (Eigen::MatrixXd(1, 1) << 60.0).finished());
        QVERIFY(std::abs(b.lower(0, 0) - 60.0 / 1.1) < 1e-12);
        QVERIFY(std::abs(b.upper(0, 0) - 60.0 * 1.1) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(Error, calibrate_intervals(Transform::Level, prices_from(last, actual), predicted, {1.0}));
    }

    void conformalCoversExchangeableData()
    {
        // Gaussian errors, 2,000 calibration and 4,000 test windows: the coverage of each level lands
        // within 2.5 points of it (the binomial standard error at 4,000 is under 0.7 points).
        Rng rng(17);
        auto sample = [&](std::size_t n, std::vector<double>& last, std::vector<double>& actual, Eigen::MatrixXd& predicted) {
            last.assign(n, 0.0);
            actual.resize(n);
            predicted.resize(1, Eigen::Index(n));
            for (std::size_t k = 0; k < n; ++k) {
                // Box-Muller: a standard normal from two uniforms.
                const double u = 1.0 - rng.uniform01(), v = rng.uniform01();
                actual[k] = std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
                predicted(0, Eigen::Index(k)) = 0.0;
            }
        };
        std::vector<double> last, actual;
        Eigen::MatrixXd predicted;
        sample(2000, last, actual, predicted);
        const ConformalCalibration c = calibrate_intervals(Transform::Diff, prices_from(last, actual), predicted, {0.8, 0.95});
        sample(4000, last, actual, predicted);
        const std::vector<double> coverage = interval_coverage(c, prices_from(last, actual), predicted);
        QVERIFY2(std::abs(coverage[0] - 0.80) < 0.025, qPrintable(QString::number(coverage[0])));
        QVERIFY2(std::abs(coverage[1] - 0.95) < 0.025, qPrintable(QString::number(coverage[1])));
        // The 95 % half-width of a standard normal is about 1.96.
        QVERIFY(std::abs(c.half_widths(1, 0) - 1.96) < 0.15);
    }

    void lastWindowAndCalibrationCanary()
    {
        std::vector<double> values = test::walk(400);
        const PreparedData data = walk_data(values);
        Model<float> model(tiny_spec());
        Rng init(5);
        model.initialize(init);
        const FutureForecast f = forecast_future(model, data, {0.8, 0.95});
        QCOMPARE(f.last_row, std::size_t(399));
        QCOMPARE(f.last_value, values.back());
        QCOMPARE(f.predicted.size(), std::size_t(2));
        QCOMPARE(f.times.labels.front(), std::string("401"));
        QCOMPARE(f.intervals.size(), std::size_t(2));
        for (int h = 0; h < 2; ++h) {
            QVERIFY(f.intervals[0].lower(h, 0) < f.predicted[std::size_t(h)]);
            QVERIFY(f.intervals[0].upper(h, 0) > f.predicted[std::size_t(h)]);
            QVERIFY(f.intervals[1].lower(h, 0) <= f.intervals[0].lower(h, 0));
            QVERIFY(f.intervals[1].upper(h, 0) >= f.intervals[0].upper(h, 0));
        }
        // The last window is the one ending at row n - 1: with one more (dummy) row appended, it is an
        // ordinary test window, whose prediction forecast_split computes the same way.
        std::vector<double> longer = values;
        longer.push_back(values.back() * 1.01);
        longer.push_back(values.back() * 1.02);
        const PreparedData extended = apply_pipeline(test::make_frame({{"P", longer}}), data.pipeline);
        const Forecast test = forecast_split(model, extended, Split::Test, false);
        const std::size_t last_window = test.prices.end_rows.size() - 1;
        QCOMPARE(test.prices.end_rows[last_window], std::size_t(399));
        for (int h = 0; h < 2; ++h)
            QCOMPARE(test.predicted(h, Eigen::Index(last_window)), f.predicted[std::size_t(h)]);

        // Canary: rows after the validation split's last target row cannot move the calibration.
        const std::size_t last_validation_target =
            data.windows.end_row(Split::Validation, data.windows[Split::Validation].count - 1) + 2;
        std::vector<double> garbage = values;
        for (std::size_t r = last_validation_target + 1; r < garbage.size(); ++r)
            garbage[r] = 1e6 + double(r);
        const PreparedData changed = apply_pipeline(test::make_frame({{"P", garbage}}), data.pipeline);
        const FutureForecast g = forecast_future(model, changed, {0.8, 0.95});
        QVERIFY(g.calibration->half_widths == f.calibration->half_widths);
        QVERIFY(g.predicted != f.predicted);   // the last window itself did change
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestFutureForecast)

}  // namespace tst_future_forecast
#include "tst_future_forecast.moc"

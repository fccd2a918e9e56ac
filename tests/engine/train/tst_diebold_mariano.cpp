// The Diebold-Mariano test (diebold_mariano.h) and the Student t tail behind its p-value: by hand on a
// four-point case, against numpy on longer series (diebold_mariano_expected.py, whose t tail is a
// numerical integral of the density, independent of the continued fraction here), and against the
// closed forms of the t distribution with 1 and 3 degrees of freedom.
#include "engine/train/diebold_mariano.h"
#include "engine/train/student_t.h"

#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <numbers>

namespace tst_diebold_mariano {

using namespace lstmlab;

namespace {

std::vector<double> series(std::size_t n, double offset)
{
    std::vector<double> d(n);
    for (std::size_t t = 0; t < n; ++t)
        d[t] = offset + std::sin(0.37 * double(t)) + 0.5 * std::cos(1.3 * double(t));
    return d;
}

bool close(double a, double b, double relative) { return std::abs(a - b) <= relative * std::max(std::abs(b), 1e-300); }

} // namespace

class TestDieboldMariano : public QObject {
    Q_OBJECT
private slots:
    // d = 1, 2, 3, 4: dbar = 2.5, gamma_0 = 1.25, gamma_1 = 0.3125.
    void byHand()
    {
        const DieboldMariano one = diebold_mariano({1, 2, 3, 4}, 1);
        QCOMPARE(one.n, std::size_t(4));
        QCOMPARE(one.mean_difference, 2.5);
        QCOMPARE(one.long_run_variance, 1.25);
        QVERIFY(close(one.uncorrected, std::sqrt(20.0), 1e-15));   // 2.5 / sqrt(1.25 / 4)
        QVERIFY(close(one.statistic, std::sqrt(15.0), 1e-15));     // * sqrt((4 + 1 - 2) / 4)
        // t with 3 degrees of freedom: F(t) = 1/2 + (u / (1 + u^2) + atan u) / pi, u = t / sqrt 3.
        const double u = std::sqrt(5.0);
        const double p = 2.0 * (0.5 - (u / (1.0 + u * u) + std::atan(u)) / std::numbers::pi);
        QVERIFY2(close(one.p_value, p, 1e-12), qPrintable(QString::number(one.p_value, 'g', 17)));
        QVERIFY(close(one.p_model_better, 1.0 - p / 2.0, 1e-12));   // the model's loss is higher
        QVERIFY(!one.variance_fallback);

        // h = 2: V = gamma_0 + 2 gamma_1 = 1.875; HLN factor (4 + 1 - 4 + 2/4) / 4 = 0.375.
        const DieboldMariano two = diebold_mariano({1, 2, 3, 4}, 2);
        QCOMPARE(two.long_run_variance, 1.875);
        QVERIFY(close(two.statistic, 2.5 / std::sqrt(1.875 / 4.0) * std::sqrt(0.375), 1e-15));

        // The loss differential of squared errors, averaged over the steps of each window:
        // window 1: ((1-0)^2 - (3-0)^2 + (2-1)^2 - (1-1)^2) / 2 = -3.5; window 2: (0 - 4 + 1 - 1) / 2 = -2.
        const double actual[] = {0, 1, 2, 2}, model[] = {1, 2, 2, 3}, baseline[] = {3, 1, 4, 1};
        const DieboldMariano squared = diebold_mariano_squared(actual, model, baseline, 2, 2);
        QCOMPARE(squared.mean_difference, -2.75);
        QCOMPARE(squared.horizon, std::size_t(2));
    }

    void againstNumpy_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("offset");
        QTest::addColumn<int>("h");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("variance");
        QTest::addColumn<double>("dm");
        QTest::addColumn<double>("hln");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("p_better");
        QTest::newRow("n30 h1") << 30 << 0.2 << 1 << 0.31302897904791377 << 0.5768134602192829 << 2.2574985444576616
                                << 2.2195546900870706 << 0.03442814512013603 << 0.982785927439932;
        QTest::newRow("n30 h3") << 30 << 0.2 << 3 << 0.31302897904791377 << 1.9438190459539992 << 1.229751201531913
                                << 1.127085593396577 << 0.26894609904194167 << 0.8655269504790292;
        QTest::newRow("n60 h2") << 60 << -0.15 << 2 << -0.04962193374261538 << 1.580550789847468 << -0.3057349456533262
                                << -0.2980806838165 << 0.7666887906440312 << 0.3833443953220156;
        QTest::newRow("n12 h1") << 12 << 0.9 << 1 << 1.2671788940268962 << 0.36073854113431175 << 7.308567821796526
                                << 6.997420951463687 << 2.2772494375877805e-05 << 0.999988613752812;
    }

    void againstNumpy()
    {
        QFETCH(int, n);
        QFETCH(double, offset);
        QFETCH(int, h);
        QFETCH(double, mean);
        QFETCH(double, variance);
        QFETCH(double, dm);
        QFETCH(double, hln);
        QFETCH(double, p);
        QFETCH(double, p_better);
        const DieboldMariano test = diebold_mariano(series(std::size_t(n), offset), std::size_t(h));
        QVERIFY(close(test.mean_difference, mean, 1e-13));
        QVERIFY(close(test.long_run_variance, variance, 1e-13));
        QVERIFY(close(test.uncorrected, dm, 1e-13));
        QVERIFY(close(test.statistic, hln, 1e-13));
        // numpy's p-value is a Simpson integral (error ~1e-12 absolute).
        QVERIFY2(std::abs(test.p_value - p) < 1e-10, qPrintable(QString::number(test.p_value, 'g', 17)));
        QVERIFY(std::abs(test.p_model_better - p_better) < 1e-10);
    }

    void studentTail()
    {
        // Cauchy (nu = 1): P(|T| >= t) = 1 - 2 atan(t) / pi = 2 atan(1 / t) / pi (no cancellation in the tail).
        for (double t : {0.5, 3.0, 1e6})
            QVERIFY(close(student_t_two_sided(t, 1.0), 2.0 * std::atan(1.0 / t) / std::numbers::pi, 1e-12));
        QCOMPARE(student_t_two_sided(0.0, 1.0), 1.0);
        QVERIFY(std::abs(student_t_two_sided(2.0, 5.0) - 0.1019394788298652) < 1e-10);
        QVERIFY(std::abs(student_t_two_sided(-1.3, 17.0) - 0.21095181388752715) < 1e-10);
        QVERIFY(std::abs(student_t_two_sided(3.5, 29.0) - 0.0015244463146366627) < 1e-10);
        QVERIFY(std::abs(student_t_two_sided(0.1, 200.0) - 0.9204444925043196) < 1e-10);
        // nu -> infinity: the normal, P(|Z| >= 1.96) = 0.0499958...
        QVERIFY(std::abs(student_t_two_sided(1.96, INFINITY) - 0.04999579029644087) < 1e-12);
        QVERIFY(std::abs(student_t_cdf(-2.0, 5.0) - 0.1019394788298652 / 2) < 1e-10);
        QVERIFY(std::isnan(student_t_cdf(1.0, 0.0)));
    }

    void degenerateCases()
    {
        QVERIFY(std::isnan(diebold_mariano({1.0}, 1).statistic));   // n < 2
        const DieboldMariano same = diebold_mariano({0.5, 0.5, 0.5}, 1);   // V = 0
        QCOMPARE(same.mean_difference, 0.5);
        QVERIFY(std::isnan(same.statistic) && std::isnan(same.p_value));
        // Alternating d with h = 2: gamma_0 + 2 gamma_1 < 0, so gamma_0 alone is used and said so.
        const DieboldMariano alternating = diebold_mariano({1, -1, 1, -1, 1, -1}, 2);
        QVERIFY(alternating.variance_fallback);
        QCOMPARE(alternating.long_run_variance, 1.0);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestDieboldMariano)

}  // namespace tst_diebold_mariano
#include "tst_diebold_mariano.moc"

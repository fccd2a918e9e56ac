// The floating-point self-test (engine/core/float_checks.h): silent in a correct build, and it finds
// each way fast-math semantics can slip in -- FTZ / DAZ set in MXCSR (what crtfastmath.o does), a
// changed rounding mode, and a whole program linked with -ffast-math, which must stop at startup.
// The compile-time half (#error under -ffast-math) is the CTest test fast_math_refused.
#include "engine/core/float_checks.h"
#include "test_main.h"

#include <QProcess>
#include <QtTest>

#include <cfenv>
#include <cmath>
#include <limits>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

namespace tst_float_checks {
#define LSTMLAB_HAVE_MXCSR 1
#endif

class TestFloatChecks : public QObject {
    Q_OBJECT
private slots:
    void silentInThisBuild()
    {
        QVERIFY(lstmlab::floating_point_self_test_passed);
        QCOMPARE(QString::fromStdString(lstmlab::floating_point_problems()), QString());
        volatile double zero = 0.0;
        QVERIFY(std::isnan(zero / zero));
    }

    void findsFlushToZeroAndDenormalsAreZero()
    {
#ifdef LSTMLAB_HAVE_MXCSR
        constexpr unsigned ftz = 0x8000;   // MXCSR bit 15, flush to zero
        constexpr unsigned daz = 0x0040;   // MXCSR bit 6, denormals are zero
        const unsigned saved = _mm_getcsr();
        _mm_setcsr(saved | ftz | daz);
        const std::string problems = lstmlab::floating_point_problems();
        _mm_setcsr(saved);
        QCOMPARE(QString::fromStdString(problems),
                 QString("subnormal results are flushed to zero (FTZ is set, e.g. by a library linked with -ffast-math); "
                         "subnormal inputs are read as zero (DAZ is set, e.g. by a library linked with -ffast-math)"));
        QCOMPARE(QString::fromStdString(lstmlab::floating_point_problems()), QString());
#else
        QSKIP("MXCSR is x86 only");
#endif
    }

    void findsAChangedRoundingMode()
    {
        const int saved = std::fegetround();
        std::fesetround(FE_UPWARD);
        const std::string problems = lstmlab::floating_point_problems();
        std::fesetround(saved);
        QCOMPARE(QString::fromStdString(problems), QString("the rounding mode is not round-to-nearest"));
    }

    // The probe is compiled and linked with -ffast-math; the check at the start of its main() aborts it.
    void programLinkedWithFastMathStopsAtStartup()
    {
        QProcess probe;
        probe.start(QStringLiteral(LSTMLAB_FAST_MATH_PROBE), {});
        QVERIFY(probe.waitForFinished(60000));
        const QString out = QString::fromUtf8(probe.readAllStandardOutput());
        const QString err = QString::fromUtf8(probe.readAllStandardError());
        QVERIFY2(!out.contains("main() ran"), qPrintable(out));   // stopped before its work
        QCOMPARE(probe.exitStatus(), QProcess::CrashExit);
        QVERIFY2(err.startsWith("LSTM Lab: floating-point self-test failed: subnormal results are flushed to zero"),
                 qPrintable(err));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestFloatChecks)

}  // namespace tst_float_checks
#include "tst_float_checks.moc"

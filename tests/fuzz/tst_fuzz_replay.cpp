// Replays every committed fuzz input through its harness in the ordinary builds (R2), so the release
// and ASan suites hold what fuzzing found without clang:
//   - the seed corpora (tests/fuzz/corpus/<target>/): ok_* must be accepted and bad_* refused, so a
//     seed keeps meaning what its name says (make_seeds.py wrote them from the R1 / R7 tables);
//   - the regression inputs (tests/fuzz/regressions/<target>/): inputs that once crashed a harness;
//     each must now be handled, and its ok_ / bad_ prefix (when it has one) says which way.
// A harness that finds a bug aborts, which fails this test with the harness's message on stderr.
#include "tests/fuzz/harness/fuzz_harness.h"
#include "test_support.h"
#include "test_main.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <functional>
#include <map>

namespace tst_fuzz_replay {

namespace {

using Harness = std::function<bool(lstmlab::fuzz::Bytes)>;

const std::map<QString, Harness>& harnesses()
{
    static const std::map<QString, Harness> all{{"csv", lstmlab::fuzz::fuzz_csv},
                                                {"checkpoint", lstmlab::fuzz::fuzz_checkpoint},
                                                {"json", lstmlab::fuzz::fuzz_json},
                                                {"experiment", lstmlab::fuzz::fuzz_experiment},
                                                {"sweep", lstmlab::fuzz::fuzz_sweep}};
    return all;
}

QString fuzz_dir(const QString& kind, const QString& target)
{
    return QString::fromStdString(lstmlab::test::source_path("tests/fuzz/" + kind.toStdString() + "/" + target.toStdString()));
}

QStringList files_in(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestFuzzReplay : public QObject {
    Q_OBJECT
private slots:
    void everyTargetHasGoodAndBadSeeds_data()
    {
        QTest::addColumn<QString>("target");
        for (const auto& [target, harness] : harnesses())
            QTest::newRow(qPrintable(target)) << target;
    }
    void everyTargetHasGoodAndBadSeeds()
    {
        QFETCH(QString, target);
        const QStringList seeds = files_in(fuzz_dir("corpus", target));
        QVERIFY2(!seeds.filter(QRegularExpression("^ok_")).isEmpty(), "no ok_ seed");
        QVERIFY2(!seeds.filter(QRegularExpression("^bad_")).isEmpty(), "no bad_ seed");
        QCOMPARE(seeds.filter(QRegularExpression("^(ok|bad)_")).size(), seeds.size());
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        for (const auto& [target, harness] : harnesses())
            for (const QString kind : {"corpus", "regressions"})
                for (const QString& name : files_in(fuzz_dir(kind, target)))
                    QTest::newRow(qPrintable(target + "/" + kind + "/" + name)) << target << fuzz_dir(kind, target) + "/" + name;
    }
    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const bool accepted = harnesses().at(target)(
            lstmlab::fuzz::Bytes(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size())));
        const QString name = QFileInfo(path).fileName();
        if (name.startsWith("ok_"))
            QVERIFY2(accepted, "refused, but its name says it is valid");
        else if (name.startsWith("bad_"))
            QVERIFY2(!accepted, "accepted, but its name says it is invalid");
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestFuzzReplay)

}  // namespace tst_fuzz_replay
#include "tst_fuzz_replay.moc"

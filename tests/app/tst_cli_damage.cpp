// lstmlab-cli with damaged or foreign inputs, end to end: a checkpoint with one non-finite weight is
// refused by predict, evaluate and train --resume (exit 1, the tensor named, nothing written); F64
// weights predict exactly what their F32 original predicts; a resumed run that diverges before its
// first save names the file that still holds the run; a header written "Date, Close" has a column Close.
#include "cli_runner.h"
#include "engine/io/safetensors.h"
#include "test_files.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tst_cli_damage {

using lstmlab::test::CliRun;
using lstmlab::test::run_cli;
using lstmlab::test::TempDir;
using lstmlab::test::read_file_bytes;
using lstmlab::test::sample_csv_head;
using lstmlab::test::write_file_bytes;

namespace {

const QStringList tiny{"--target", "Close", "--hidden", "4", "--seq-len", "5", "--batch-size", "32", "--quiet"};

// Sets every element of tensor `name` in the checkpoint file to `value` (in place).
void overwrite_tensor(const std::string& path, const std::string& name, float value, std::size_t only = SIZE_MAX)
{
    const lstmlab::SafetensorsFile file = lstmlab::read_safetensors(path);
    const lstmlab::SafetensorsTensor* tensor = file.find(name);
    QVERIFY(tensor);
    std::string bytes = read_file_bytes(path);
    std::uint64_t header = 0;
    std::memcpy(&header, bytes.data(), 8);
    for (std::size_t k = 0; k < tensor->element_count(); ++k)
        if (only == SIZE_MAX || k == only)
            std::memcpy(bytes.data() + 8 + header + tensor->begin + 4 * k, &value, 4);
    write_file_bytes(path, bytes);
}

} // namespace

class TestCliDamage : public QObject {
    Q_OBJECT

    TempDir m_dir;
    QString m_cwd;

    CliRun cli(const QStringList& arguments) { return run_cli(arguments, m_cwd); }

private slots:
    void initTestCase()
    {
        m_cwd = QString::fromStdString(m_dir.path());
        write_file_bytes(m_dir.file("data.csv"), sample_csv_head(150));
        const CliRun run = cli(QStringList{"train", "--data", "data.csv", "--epochs", "1", "--out", "m.safetensors"} + tiny);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
    }

    // One flipped exponent bit in fc.weight (1.0 -> +Inf): before the fix predict wrote empty cells
    // and exited 0, evaluate showed a "perfect" sMAPE of 0, a resume "diverged".
    void damagedWeightIsRefusedByEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("predict") << QStringList{"predict", "--checkpoint", "bad.safetensors", "--data", "data.csv", "--out", "p.csv"};
        QTest::newRow("evaluate") << QStringList{"evaluate", "--checkpoint", "bad.safetensors", "--data", "data.csv"};
        QTest::newRow("train --resume") << QStringList{"train", "--data", "data.csv", "--resume", "bad.safetensors", "--epochs",
                                                       "1", "--out", "o.safetensors", "--quiet"};
    }
    void damagedWeightIsRefusedByEveryCommand()
    {
        QFETCH(QStringList, arguments);
        std::filesystem::copy_file(m_dir.file("m.safetensors"), m_dir.file("bad.safetensors"),
                                   std::filesystem::copy_options::overwrite_existing);
        float flipped = 1.0f;
        std::uint32_t bits = 0;
        std::memcpy(&bits, &flipped, 4);
        bits ^= 1u << 30;
        std::memcpy(&flipped, &bits, 4);
        overwrite_tensor(m_dir.file("bad.safetensors"), "fc.weight", flipped, 2);
        const CliRun run = cli(arguments);
        QCOMPARE(run.exit_code, 1);
        QCOMPARE(run.err, QString("lstmlab-cli %1: bad.safetensors: tensor \"fc.weight\" holds +Inf at index [0, 2] (element 2 of 4); "
                                  "the checkpoint is damaged, so it is refused\n")
                              .arg(arguments.first()));
        QVERIFY(run.out.isEmpty());
        QVERIFY(!std::filesystem::exists(m_dir.file("p.csv")) && !std::filesystem::exists(m_dir.file("o.safetensors")));
    }

    // What lstmlab_torch.save_checkpoint writes for model.double() (the F64 tensors, the LSTM Lab
    // metadata kept): converted with a note, the predictions are the F32 original's, byte for byte.
    void f64CheckpointPredictsLikeItsOriginal()
    {
        const lstmlab::SafetensorsFile original = lstmlab::read_safetensors(m_dir.file("m.safetensors"));
        std::vector<std::vector<double>> storage;
        std::vector<lstmlab::TensorToWrite> tensors;
        storage.reserve(original.tensors().size());
        for (const lstmlab::SafetensorsTensor& t : original.tensors()) {
            if (t.name.rfind("optimizer.", 0) == 0)
                continue;
            const std::vector<float> values = original.as_f32(t.name);
            storage.emplace_back(values.begin(), values.end());
            tensors.push_back({t.name, lstmlab::Dtype::f64, t.shape, storage.back().data(), storage.back().size() * 8});
        }
        std::map<std::string, std::string> metadata = original.metadata();
        metadata.erase("train");
        lstmlab::write_safetensors(m_dir.file("f64.safetensors"), tensors, metadata);

        const CliRun f32 = cli({"predict", "--checkpoint", "m.safetensors", "--data", "data.csv", "--out", "p32.csv"});
        const CliRun f64 = cli({"predict", "--checkpoint", "f64.safetensors", "--data", "data.csv", "--out", "p64.csv"});
        QCOMPARE(f32.exit_code, 0);
        QCOMPARE(f64.exit_code, 0);
        QVERIFY2(f64.err.startsWith("note: f64.safetensors stores its weights as F64; they were converted to F32"), qPrintable(f64.err));
        QCOMPARE(read_file_bytes(m_dir.file("p64.csv")), read_file_bytes(m_dir.file("p32.csv")));

        // Without the "train" metadata and the optimizer tensors it cannot resume, and says so.
        const CliRun resume = cli({"train", "--data", "data.csv", "--resume", "f64.safetensors", "--epochs", "1", "--out", "r.safetensors"});
        QCOMPARE(resume.exit_code, 1);
        QVERIFY2(resume.err.contains("f64.safetensors: the checkpoint holds no training state"), qPrintable(resume.err));
    }

    // A resumed run that diverges in its first batch saved nothing: the message names the file that
    // still holds the run (the --resume file), not the --out file that was never written.
    void divergenceAfterResumeNamesTheFileThatHoldsTheRun()
    {
        std::filesystem::copy_file(m_dir.file("m.safetensors"), m_dir.file("huge.safetensors"),
                                   std::filesystem::copy_options::overwrite_existing);
        overwrite_tensor(m_dir.file("huge.safetensors"), "fc.bias", 3e38f);   // finite, but the loss overflows
        const CliRun run = cli({"train", "--data", "data.csv", "--resume", "huge.safetensors", "--epochs", "1", "--out",
                                "next.safetensors", "--quiet"});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.endsWith("; nothing was saved, huge.safetensors still holds the run as it was resumed (epoch 1)\n"),
                 qPrintable(run.err));
        QVERIFY(!std::filesystem::exists(m_dir.file("next.safetensors")));
    }

    // "Date, Close": blanks around unquoted header names are not part of the name.
    void headerBlanksAreStripped()
    {
        std::string csv = sample_csv_head(150);
        const std::size_t header_end = csv.find('\n');
        std::string header = csv.substr(0, header_end);
        for (std::size_t at = header.find(','); at != std::string::npos; at = header.find(',', at + 2))
            header.insert(at + 1, " ");
        write_file_bytes(m_dir.file("spaced.csv"), header + " \r\n" + csv.substr(header_end + 1));
        const CliRun run = cli(QStringList{"train", "--data", "spaced.csv", "--epochs", "1", "--out", "s.safetensors"} + tiny);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));

        // A quoted name keeps its blanks; the message points at the near match.
        write_file_bytes(m_dir.file("quoted.csv"), "Date,\" Close\"\n2020-01-01,1\n2020-01-02,2\n");
        const CliRun quoted = cli(QStringList{"train", "--data", "quoted.csv", "--epochs", "1", "--out", "q.safetensors"} + tiny);
        QCOMPARE(quoted.exit_code, 1);
        QCOMPARE(quoted.err, QString("lstmlab-cli train: quoted.csv:1: there is no column \"Close\" in the header (column 2 is named "
                                     "\" Close\"; the names differ only in blanks around them); the columns are Date,  Close.\n"));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestCliDamage)

}  // namespace tst_cli_damage
#include "tst_cli_damage.moc"

// ImportDialog: the preview of a decimal-comma export shows the numbers it will load (98,20 -> 98.2),
// the day-first time column and the report of what was inferred; changing an option re-parses at once
// (decimal '.' turns the column into text); an ambiguous file shows the reader's sentence, naming the
// dialog's "Time format" field rather than the CLI's --time-format, and disables Open until it is chosen; the options accepted for a file are remembered for it.
// LSTMLAB_IMPORT_SCREENSHOT=FILE.png saves the dialog on the decimal-comma file (the README's picture).
#include "ui/data/import_dialog.h"
#include "test_main.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QtTest>

namespace tst_import_dialog {

using lstmlab::ui::ImportDialog;

namespace {

QString corpus(const QString& file)
{
    return QString::fromUtf8(qgetenv("LSTMLAB_SOURCE_DIR")) + "/tests/data/csv_corpus/" + file;
}

QString header(const QTableWidget* table, int column) { return table->horizontalHeaderItem(column)->text(); }

} // namespace

class TestImportDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("lstmlab-tests");
        QCoreApplication::setApplicationName("tst_import_dialog");
        QSettings().clear();
    }

    void decimalCommaPreview()
    {
        ImportDialog dialog(corpus("excel_de.csv"), {});
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        const QTableWidget* table = dialog.table();
        QCOMPARE(table->columnCount(), 3);
        QCOMPARE(table->rowCount(), 40);   // the whole file: fewer rows than the preview's 50
        QCOMPARE(header(table, 0), QString("Datum"));
        QCOMPARE(header(table, 1), QString("Schluss"));
        QCOMPARE(table->item(0, 0)->text(), QString("02.01.2024"));
        QCOMPARE(table->item(0, 1)->text(), QString("98.2"));
        QCOMPARE(table->item(0, 2)->text(), QString("55178"));   // 55.178 with '.' as thousands separator
        QVERIFY(dialog.report().join('\n').contains("-delimited file); read as “Decimal: ,”."));   // not "--decimal ,"
        QVERIFY(dialog.report().join('\n').contains("day first (DD/MM/YYYY)"));
        QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open)->isEnabled());

        if (const QByteArray shot = qgetenv("LSTMLAB_IMPORT_SCREENSHOT"); !shot.isEmpty()) {
            dialog.resize(900, 640);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(shot)));
        }

        dialog.setOption("decimal", ".");   // the preview follows: "98,20" is no number with a decimal point
        QCOMPARE(table->item(0, 1)->text(), QString("(text)"));
        QVERIFY(table->item(0, 1)->toolTip().contains("98,20"));
        QCOMPARE(dialog.options().decimal, '.');
    }

    void refusalNamesTheOption()
    {
        const QString path = corpus("ambiguous_dates.csv");
        ImportDialog dialog(path, {});
        QCOMPARE(dialog.problem(), path + ":2:1 (column \"Date\"): the dates from \"01/01/2023\" to \"01/04/2026\" read both "
                                          "day first and month first (no day above 12 in the first 40 rows); add "
                                          "“Time format: DMY” or “Time format: MDY”.");
        QVERIFY(!dialog.problem().contains("--"));
        auto* open = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open);
        QVERIFY(!open->isEnabled());
        QCOMPARE(dialog.table()->rowCount(), 0);
        dialog.setOption("time-format", "DMY");
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(open->isEnabled());
        QCOMPARE(dialog.table()->rowCount(), 40);
        QCOMPARE(dialog.table()->item(1, 0)->text(), QString("01/02/2023"));
    }

    void optionsAreRememberedPerFile()
    {
        const QString path = corpus("ambiguous_dates.csv");
        QCOMPARE(lstmlab::csv_options_command_line(ImportDialog::rememberedOptions(path)),
                 lstmlab::csv_options_command_line({}));
        lstmlab::CsvOptions chosen;
        chosen.time_syntax = lstmlab::TimeSyntax::MDY;
        chosen.duplicates = lstmlab::DuplicatePolicy::Mean;
        ImportDialog::rememberOptions(path, chosen);
        QVERIFY(ImportDialog::rememberedOptions(path) == chosen);
        QVERIFY(ImportDialog::rememberedOptions(corpus("excel_de.csv")) == lstmlab::CsvOptions{});
        ImportDialog dialog(path, ImportDialog::rememberedOptions(path));
        QCOMPARE(dialog.findChild<QComboBox*>("time-format")->currentText(), QString("MDY"));
        QVERIFY(dialog.problem().isEmpty());   // read month first: 01/04/2026 is January 4th, ... all valid
    }
};

LSTMLAB_TEST_MAIN(TestImportDialog)

}  // namespace tst_import_dialog
#include "tst_import_dialog.moc"

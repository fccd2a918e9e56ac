// The workbench's number fields offer exactly the range the engine accepts: every spin box of a run
// option (object name "setting_<key>") has the option table's [min, max] (engine/workflow/
// run_option_table.h), so no form value is refused at Train and none the CLI accepts is out of reach.
#include "engine/workflow/run_option_table.h"
#include "ui/data/data_settings_form.h"
#include "ui/model/model_view.h"
#include "ui/train/hyperparameter_form.h"
#include "test_main.h"

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QtTest>

#include <climits>
#include <cmath>
#include <set>

namespace tst_setting_ranges {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestSettingRanges : public QObject {
    Q_OBJECT

    // The keys of the run-option spin boxes under `form`, each checked against the table.
    static std::set<std::string> checkBoxes(QWidget& form)
    {
        std::set<std::string> keys;
        for (QAbstractSpinBox* box : form.findChildren<QAbstractSpinBox*>()) {
            if (!box->objectName().startsWith(QStringLiteral("setting_")))
                continue;
            const std::string key = box->objectName().mid(8).toStdString();
            const RunOption* option = find_run_option(key);
            if (!option) {
                QTest::qFail(("no run option \"" + key + "\" behind a setting_ box").c_str(), __FILE__, __LINE__);
                return keys;
            }
            keys.insert(key);
            if (auto* whole = qobject_cast<QSpinBox*>(box)) {
                if (whole->minimum() != int(option->min) || whole->maximum() != int(std::min<double>(option->max, INT_MAX)))
                    QTest::qFail(qPrintable(QStringLiteral("%1: the box allows %2..%3, the engine %4..%5")
                                                .arg(QString::fromStdString(key)).arg(whole->minimum()).arg(whole->maximum())
                                                .arg(option->min).arg(option->max)), __FILE__, __LINE__);
            } else if (auto* number = qobject_cast<QDoubleSpinBox*>(box)) {
                // A positive minimum below the box's last decimal is that decimal (lr: 1e-12 -> 1e-6).
                const double shown = std::pow(10.0, -number->decimals());
                const double low = option->min > 0 ? std::max(option->min, shown) : option->min;
                if (number->minimum() != low || number->maximum() != option->max)
                    QTest::qFail(qPrintable(QStringLiteral("%1: the box allows %2..%3, the engine %4..%5")
                                                .arg(QString::fromStdString(key)).arg(number->minimum()).arg(number->maximum())
                                                .arg(option->min).arg(option->max)), __FILE__, __LINE__);
            }
        }
        return keys;
    }

private slots:
    void dataForm()
    {
        DataSettingsForm form;
        const auto keys = checkBoxes(form);
        QCOMPARE(keys, (std::set<std::string>{"horizon", "seq-len"}));
        // The horizon box stops where the engine does (it offered 250 while runs accept 100).
        QCOMPARE(form.findChild<QSpinBox*>(QStringLiteral("setting_horizon"))->maximum(), 100);
    }

    void modelForm()
    {
        ModelView view;
        const auto keys = checkBoxes(view);
        QVERIFY(keys.count("dropout") == 1);
        QVERIFY(keys.count("hidden") == 1);   // the layers editor's first row
    }

    void trainingForm()
    {
        HyperparameterForm form;
        const auto keys = checkBoxes(form);
        QCOMPARE(keys, (std::set<std::string>{"batch-size", "clip", "epochs", "lr", "patience", "weight-decay"}));
    }
};

LSTMLAB_TEST_MAIN(TestSettingRanges)

}  // namespace tst_setting_ranges
#include "tst_setting_ranges.moc"

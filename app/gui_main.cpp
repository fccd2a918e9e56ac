// lstmlab: the Qt workbench. `lstmlab [FILE.csv]` opens FILE.csv, else the last session, else the
// bundled sample dataset. Everything else lives in ui/.
#include "engine/core/float_checks.h"
#include "ui/common/app_paths.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    lstmlab::check_floating_point();   // after every constructor, crtfastmath.o's included
    QApplication app(argc, argv);
    lstmlab::ui::setApplicationIdentity();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/lstmlab/icons/lstmlab.svg")));
    lstmlab::ui::MainWindow window;
    const QStringList arguments = QApplication::arguments();
    window.show();
    window.start(arguments.size() > 1 ? arguments.at(1) : QString());
    return QApplication::exec();
}

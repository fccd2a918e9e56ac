// lstmlab-cli: thin main; the commands live in app/cli/.
// run_cli turns every exception into one sentence and an exit code; whatever still escapes, here or on
// another thread, ends in last_resort: one sentence, exit 1.
#include "app/cli/cli.h"
#include "app/cli/last_resort.h"
#include "engine/core/float_checks.h"

#include <exception>

int main(int argc, char** argv)
{
    lstmlab::check_floating_point();   // after every constructor, crtfastmath.o's included
    lstmlab::cli::install_last_resort();
    try {
        return lstmlab::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& error) {
        lstmlab::cli::last_resort(error.what());
    } catch (...) {
        lstmlab::cli::last_resort("an exception of unknown type");
    }
}

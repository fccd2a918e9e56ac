// lstmlab-cli: thin main; the commands live in app/cli/.
#include "app/cli/cli.h"
#include "engine/core/float_checks.h"

int main(int argc, char** argv)
{
    lstmlab::check_floating_point();   // after every constructor, crtfastmath.o's included
    return lstmlab::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}

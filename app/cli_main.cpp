// lstmlab-cli: thin main; the commands live in app/cli/.
#include "app/cli/cli.h"

int main(int argc, char** argv)
{
    return lstmlab::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}

#include "app/cli/cli.h"

#include "app/cli/commands.h"
#include "app/cli/options.h"

#include <iostream>

namespace lstmlab::cli {
namespace {

void print_usage(std::ostream& out)
{
    out << "usage: lstmlab-cli COMMAND [options]\n\ncommands:\n";
    for (const Command& command : all_commands())
        out << "  " << command.name << std::string(10 - std::min<std::size_t>(9, command.name.size()), ' ')
            << command.synopsis << "\n";
    out << "\nlstmlab-cli help COMMAND lists a command's options.\n";
}

} // namespace

std::string app_version() { return LSTMLAB_VERSION; }

int run_cli(const std::vector<std::string>& argv)
{
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
        print_usage(argv.empty() ? std::cerr : std::cout);
        return argv.empty() ? exit_usage : 0;
    }
    const std::vector<Command> commands = all_commands();
    const std::string& name = argv[0];
    if (name == "help") {
        if (argv.size() < 2) {
            print_usage(std::cout);
            return 0;
        }
        for (const Command& command : commands)
            if (command.name == argv[1]) {
                std::cout << "lstmlab-cli " << command.name << ": " << command.synopsis << "\n\n"
                          << options_help(command.options);
                return 0;
            }
        std::cerr << "lstmlab-cli: unknown command \"" << argv[1] << "\"\n";
        return exit_usage;
    }
    for (const Command& command : commands) {
        if (command.name != name)
            continue;
        try {
            const Arguments args(name, std::vector<std::string>(argv.begin() + 1, argv.end()), command.options);
            return command.run(args);
        } catch (const UsageError& error) {
            std::cerr << "lstmlab-cli " << name << ": " << error.what() << "\n";
            return exit_usage;
        } catch (const Cancelled&) {
            std::cerr << "lstmlab-cli " << name << ": interrupted\n";
            return exit_interrupted;
        } catch (const Error& error) {
            std::cerr << "lstmlab-cli " << name << ": " << error.what() << "\n";
            return exit_failure;
        } catch (const std::bad_alloc&) {
            std::cerr << "lstmlab-cli " << name << ": out of memory\n";
            return exit_failure;
        }
    }
    std::cerr << "lstmlab-cli: unknown command \"" << name << "\" (run lstmlab-cli --help for the list)\n";
    return exit_usage;
}

} // namespace lstmlab::cli

#include "app/cli/cli.h"

#include "app/cli/commands.h"
#include "app/cli/completion.h"
#include "app/cli/options.h"

#include <iostream>

namespace lstmlab::cli {
namespace {

// The two commands that take a word rather than options: `help [COMMAND]` and `completion bash`.
const Command help_builtin{"help", "the options of a command: help COMMAND (the same as COMMAND --help)", {}, {}};
const Command completion_builtin{"completion", "a bash completion script: completion bash (load it with "
                                               "source <(lstmlab-cli completion bash))", {}, {}};

void print_usage(std::ostream& out)
{
    out << "usage: lstmlab-cli COMMAND [options]\n\ncommands:\n";
    std::vector<Command> commands = all_commands();
    commands.push_back(help_builtin);
    commands.push_back(completion_builtin);
    for (const Command& command : commands)
        out << "  " << command.name << std::string(12 - std::min<std::size_t>(11, command.name.size()), ' ')
            << command.synopsis << "\n";
    out << "\nlstmlab-cli COMMAND --help (or help COMMAND) lists a command's options; --version prints the version.\n";
}

int run_completion(const std::vector<std::string>& words)
{
    if (asks_for_help(words, {})) {
        std::cout << command_help(completion_builtin);
        return 0;
    }
    if (words.size() != 1 || words[0] != "bash") {
        std::cerr << "lstmlab-cli completion: give the shell, as in lstmlab-cli completion bash (bash is the one "
                     "supported)\n";
        return exit_usage;
    }
    std::cout << bash_completion(all_commands());
    return 0;
}

int run_help(const std::vector<std::string>& words)
{
    if (words.empty()) {
        print_usage(std::cout);
        return 0;
    }
    if (asks_for_help(words, {})) {
        std::cout << command_help(help_builtin);
        return 0;
    }
    for (const Command& command : all_commands())
        if (command.name == words[0]) {
            std::cout << command_help(command);
            return 0;
        }
    for (const Command* builtin : {&help_builtin, &completion_builtin})
        if (builtin->name == words[0]) {
            std::cout << command_help(*builtin);
            return 0;
        }
    std::cerr << "lstmlab-cli: unknown command \"" << words[0] << "\"\n";
    return exit_usage;
}

} // namespace

std::string app_version() { return LSTMLAB_VERSION; }

int run_cli(const std::vector<std::string>& argv)
{
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
        print_usage(argv.empty() ? std::cerr : std::cout);
        return argv.empty() ? exit_usage : 0;
    }
    if (argv[0] == "--version") {
        std::cout << "lstmlab-cli " << app_version() << "\n";
        return 0;
    }
    const std::string& name = argv[0];
    const std::vector<std::string> words(argv.begin() + 1, argv.end());
    if (name == "help")
        return run_help(words);
    if (name == "completion")
        return run_completion(words);
    for (const Command& command : all_commands()) {
        if (command.name != name)
            continue;
        if (asks_for_help(words, command.options)) {
            std::cout << command_help(command);
            return 0;
        }
        try {
            // Operands first (sweep-trial TRIALS_DIR N), then the options.
            std::size_t given = 0;
            while (given < command.operands.size() && given < words.size() && words[given].rfind("--", 0) != 0)
                ++given;
            if (given < command.operands.size()) {
                std::string usage;
                for (const std::string& operand : command.operands)
                    usage += " " + operand;
                throw UsageError("give" + usage + " first, as in lstmlab-cli " + name + usage);
            }
            Arguments args(name, std::vector<std::string>(words.begin() + long(given), words.end()), command.options);
            args.set_operands(std::vector<std::string>(words.begin(), words.begin() + long(given)));
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
        } catch (const std::exception& error) {   // a library's exception: still one sentence, exit 1
            std::cerr << "lstmlab-cli " << name << ": " << one_line_message(error.what()) << "\n";
            return exit_failure;
        }
    }
    std::cerr << "lstmlab-cli: unknown command \"" << name << "\" (run lstmlab-cli --help for the list)\n";
    return exit_usage;
}

} // namespace lstmlab::cli

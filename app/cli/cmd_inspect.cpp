// lstmlab-cli inspect --data FILE.csv [--json] [import options]
// Columns, detected types, missing counts, min/max/mean, time range and row count of a CSV, the import
// options as the flags that reproduce them, and what was inferred.
#include "app/cli/commands.h"
#include "app/cli/options.h"
#include "engine/data/inspect.h"

#include <iostream>

namespace lstmlab::cli {

Command inspect_command()
{
    Command command;
    command.name = "inspect";
    command.synopsis = "columns, types, missing counts, date range and rows of a CSV";
    command.options = join({{{"data", true, "FILE.csv", "the CSV to inspect (required)"},
                             {"json", false, "", "print JSON instead of a table"}},
                            import_options()});
    command.run = [](const Arguments& args) {
        const std::string path = args.existing_file("data");
        const InspectReport report = inspect_csv(path, {}, csv_options_from(args));
        std::cout << (args.flag("json") ? render_inspect_json(report) : render_inspect_text(report));
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli

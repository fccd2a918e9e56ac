// main() of every test executable: runs the registered Qt Test class its first argument names
// (test_main.h), or the only one when the executable holds one.
#include "test_main.h"

#include <cstdio>

int main(int argc, char** argv)
{
    const auto& tests = lstmlab::test::test_registry();
    if (argc >= 2) {
        if (const auto it = tests.find(argv[1]); it != tests.end()) {
            // The test sees its usual command line: the program name, then the Qt Test options.
            lstmlab::test::current_test_name() = it->first;
            argv[1] = argv[0];
            return it->second(argc - 1, argv + 1);
        }
    }
    if (tests.size() == 1) {
        lstmlab::test::current_test_name() = tests.begin()->first;
        return tests.begin()->second(argc, argv);
    }
    std::fprintf(stderr, "%s: name the test to run as the first argument, then any Qt Test options; "
                         "this executable holds:", argv[0]);
    for (const auto& [name, entry] : tests)
        std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
}

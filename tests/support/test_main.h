// The entry point of a Qt Test class, for executables that hold several of them.
//
// The tests of one directory are built as one executable (tests/CMakeLists.txt: unity-built, so the Qt,
// Eigen and engine headers are compiled once per batch instead of once per file). Each test file wraps
// its contents in `namespace <file stem> { ... }`, so file-local helpers of different files never meet,
// and ends with LSTMLAB_TEST_MAIN, LSTMLAB_TEST_GUILESS_MAIN or LSTMLAB_TEST_APPLESS_MAIN in place of
// Qt's QTEST_MAIN, QTEST_GUILESS_MAIN or QTEST_APPLESS_MAIN. The macro registers the class under the
// file's stem ("tst_metrics"); test_main.cpp's main() runs the one its first argument names, with the
// same application object, setup and arguments as Qt's macro would give it:
//
//     tests_engine_train tst_metrics [Qt Test options]      (CTest runs exactly this)
//
// An executable that holds a single test class runs it without the name.
#pragma once

#include <QtTest>

#include <map>
#include <string>

namespace lstmlab::test {

using TestEntry = int (*)(int argc, char** argv);

// The suite this process runs ("tst_metrics"), set by main() before the suite starts: suites that keep
// files in per-user folders use it to keep apart from suites running in parallel.
inline std::string& current_test_name()
{
    static std::string name;
    return name;
}

// File stem -> entry, filled by the registrations before main() runs.
inline std::map<std::string, TestEntry>& test_registry()
{
    static std::map<std::string, TestEntry> registry;
    return registry;
}

struct TestRegistration {
    TestRegistration(const char* file, TestEntry entry)
    {
        std::string stem = file;
        if (const auto slash = stem.find_last_of('/'); slash != std::string::npos)
            stem.erase(0, slash + 1);
        if (const auto dot = stem.rfind('.'); dot != std::string::npos)
            stem.erase(dot);
        test_registry()[stem] = entry;
    }
};

}  // namespace lstmlab::test

// The body of Qt's QTEST_MAIN_WRAPPER (qtest.h), as a function instead of main().
#define LSTMLAB_TEST_ENTRY(TestObject, ...)                                                            \
    int lstmlab_test_entry(int argc, char* argv[])                                                    \
    {                                                                                                  \
        QT_PREPEND_NAMESPACE(QTest::Internal::callInitMain)<TestObject>();                             \
        __VA_ARGS__                                                                                    \
        TestObject tc;                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                     \
        return QTest::qExec(&tc, argc, argv);                                                          \
    }                                                                                                  \
    const ::lstmlab::test::TestRegistration lstmlab_test_registration(__FILE__, &lstmlab_test_entry);

// QApplication, QGuiApplication or QCoreApplication, as QTEST_MAIN chooses by the modules linked.
#define LSTMLAB_TEST_MAIN(TestObject) LSTMLAB_TEST_ENTRY(TestObject, QTEST_MAIN_SETUP())
#define LSTMLAB_TEST_GUILESS_MAIN(TestObject)                                                          \
    LSTMLAB_TEST_ENTRY(TestObject, QTEST_QAPP_SETUP(QCoreApplication))
#define LSTMLAB_TEST_APPLESS_MAIN(TestObject) LSTMLAB_TEST_ENTRY(TestObject)

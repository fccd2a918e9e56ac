// measure_in_child: runs a piece of work in a forked child and reports what it returned, how long it
// took and its peak memory ABOVE an idle child forked from the same parent (ru_maxrss of each, via
// wait4), so the test harness's own memory does not count. Bounded memory is then a number the
// test can assert.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lstmlab::test {

struct ChildMeasure {
    std::string result;          // what the work returned ("" when the child crashed)
    bool exited_cleanly = false;
    std::int64_t peak_kib = 0;   // peak resident memory of the work, above an idle child's
    double seconds = 0;          // wall-clock time of the child
};

namespace detail {

inline long child_maxrss_kib(const std::function<std::string()>& work, std::string& result, bool& clean)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string text = work();
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
            if (n <= 0)
                break;
            done += std::size_t(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fds[0], buffer, sizeof buffer)) > 0)
        result.append(buffer, std::size_t(got));
    ::close(fds[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return usage.ru_maxrss;
}

} // namespace detail

inline ChildMeasure measure_in_child(const std::function<std::string()>& work)
{
    std::string ignored;
    bool idle_clean = false;
    const long idle = detail::child_maxrss_kib([] { return std::string(); }, ignored, idle_clean);
    ChildMeasure measure;
    const auto start = std::chrono::steady_clock::now();
    const long busy = detail::child_maxrss_kib(work, measure.result, measure.exited_cleanly);
    measure.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    measure.peak_kib = busy - idle;
    return measure;
}

} // namespace lstmlab::test

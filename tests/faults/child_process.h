// ChildProcess: lstmlab-cli started with fork + exec, for fault injection that QProcess cannot do --
// signals at chosen instants, a file-size limit (RLIMIT_FSIZE) or another user id for the child only.
//
// stdout goes to /dev/null and stderr to a file (so a chatty child can never block on a full pipe);
// `err()` reads it after the child ended. The destructor SIGKILLs and reaps a child still running.
#pragma once

#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace lstmlab::test {

struct ChildOptions {
    std::string working_dir;                   // required: where relative paths point
    std::optional<long> file_size_limit;       // RLIMIT_FSIZE in bytes (SIGXFSZ ignored: writes fail with EFBIG)
    std::optional<uid_t> uid;                  // setgid(gid) + setuid(uid) before exec (root only)
    gid_t gid = 0;
};

// How a child ended: exited with a code, or was killed by a signal.
struct ChildEnd {
    bool exited = false;
    int code = -1;     // exit code when exited
    int signal = 0;    // the signal that killed it otherwise
    std::string describe() const;   // "exit 130", "killed by signal 9"
};

class ChildProcess {
public:
    ChildProcess(const std::string& program, const std::vector<std::string>& arguments, const ChildOptions& options);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    void send(int signal) const;
    // The end of the child, or nullopt while it still runs (non-blocking).
    std::optional<ChildEnd> poll();
    // Waits up to `timeout`; on timeout SIGKILLs the child and returns nullopt.
    std::optional<ChildEnd> wait(std::chrono::milliseconds timeout);
    std::string err() const;

private:
    pid_t m_pid = -1;
    std::string m_err_path;
    std::optional<ChildEnd> m_end;
};

} // namespace lstmlab::test

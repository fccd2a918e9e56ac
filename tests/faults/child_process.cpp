#include "child_process.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lstmlab::test {

std::string ChildEnd::describe() const
{
    return exited ? "exit " + std::to_string(code) : "killed by signal " + std::to_string(signal);
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& arguments,
                           const ChildOptions& options)
{
    const char* tmp = std::getenv("TMPDIR");
    std::string err_template = std::string(tmp && *tmp ? tmp : "/tmp") + "/lstmlab-child-stderr-XXXXXX";
    const int err_fd = ::mkstemp(err_template.data());
    if (err_fd < 0)
        throw std::runtime_error("mkstemp failed: " + std::string(std::strerror(errno)));
    m_err_path = err_template;
    if (options.uid)
        ::fchown(err_fd, *options.uid, options.gid);

    std::vector<std::string> argv_storage{program};
    argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    m_pid = ::fork();
    if (m_pid < 0)
        throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
    if (m_pid == 0) {
        // In the child: only async-signal-safe calls until exec.
        const int null_fd = ::open("/dev/null", O_RDWR);
        ::dup2(null_fd, STDIN_FILENO);
        ::dup2(null_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        if (::chdir(options.working_dir.c_str()) != 0)
            ::_exit(126);
        if (options.file_size_limit) {
            const struct rlimit limit{rlim_t(*options.file_size_limit), rlim_t(*options.file_size_limit)};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);   // survives exec: write() then fails with EFBIG
        }
        if (options.uid && (::setgroups(0, nullptr) != 0 || ::setgid(options.gid) != 0 || ::setuid(*options.uid) != 0))
            ::_exit(125);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(err_fd);
}

ChildProcess::~ChildProcess()
{
    if (m_pid > 0 && !m_end) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    if (!m_err_path.empty())
        ::unlink(m_err_path.c_str());
}

void ChildProcess::send(int signal) const
{
    if (!m_end)
        ::kill(m_pid, signal);
}

std::optional<ChildEnd> ChildProcess::poll()
{
    if (m_end)
        return m_end;
    int status = 0;
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done != m_pid)
        return std::nullopt;
    ChildEnd end;
    end.exited = WIFEXITED(status);
    end.code = end.exited ? WEXITSTATUS(status) : -1;
    end.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    m_end = end;
    return m_end;
}

std::optional<ChildEnd> ChildProcess::wait(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto end = poll())
            return end;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_end = ChildEnd{false, -1, SIGKILL};
    return std::nullopt;
}

std::string ChildProcess::err() const
{
    std::ifstream in(m_err_path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace lstmlab::test

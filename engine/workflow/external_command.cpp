#include "engine/workflow/external_command.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace lstmlab {
namespace {

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    bool open()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        read_end = fds[0];
        write_end = fds[1];
        return true;
    }
    void close_read() { close_fd(read_end); }
    void close_write() { close_fd(write_end); }
    ~Pipe()
    {
        close_read();
        close_write();
    }

private:
    static void close_fd(int& fd)
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

} // namespace

bool program_on_path(const std::string& program)
{
    if (program.find('/') != std::string::npos)
        return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t begin = 0;
    while (begin <= dirs.size()) {
        const std::size_t colon = std::min(dirs.find(':', begin), dirs.size());
        const std::string dir = dirs.substr(begin, colon - begin);
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
            return true;
        begin = colon + 1;
    }
    return false;
}

CommandOutput run_command(const std::vector<std::string>& argv)
{
    CommandOutput result;
    if (argv.empty()) {
        result.error = "no program given";
        return result;
    }
    Pipe out, err;
    if (!out.open() || !err.open()) {
        result.error = std::string("cannot create a pipe (") + std::strerror(errno) + ")";
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    // The child starts with default signal handling, whatever handlers the caller installed.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    out.close_write();
    err.close_write();
    if (spawned != 0) {
        result.error = spawned == ENOENT ? "not found on PATH" : std::strerror(spawned);
        return result;
    }
    result.started = true;

    // Drain both outputs together, so a chatty child never blocks on a full pipe.
    char buffer[4096];
    while (out.read_end >= 0 || err.read_end >= 0) {
        pollfd fds[2] = {{out.read_end, POLLIN, 0}, {err.read_end, POLLIN, 0}};   // fd -1 is ignored
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0)
                (k == 0 ? result.out : result.err).append(buffer, std::size_t(n));
            else if (n == 0 || errno != EINTR)
                (k == 0 ? out : err).close_read();
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    return result;
}

} // namespace lstmlab

#include "engine/io/file_identity.h"

#include <filesystem>

#include <sys/stat.h>

namespace lstmlab {

std::string resolved_path(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    if (error)
        return fs::path(path).lexically_normal().string();
    const fs::path resolved = fs::weakly_canonical(absolute, error);
    return (error ? absolute.lexically_normal() : resolved).string();
}

bool same_file(const std::string& a, const std::string& b)
{
    struct stat first {}, second {};
    if (::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0)
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
    return resolved_path(a) == resolved_path(b);
}

bool inside_folder(const std::string& path, const std::string& folder, const std::string& prefix)
{
    const std::string file = resolved_path(path);
    std::string root = resolved_path(folder);
    if (!root.empty() && root.back() != '/')
        root += '/';
    return file.size() > root.size() && file.compare(0, root.size(), root) == 0 &&
           file.compare(root.size(), prefix.size(), prefix) == 0;
}

} // namespace lstmlab

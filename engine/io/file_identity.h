// Whether two paths name the same file, as the operating system sees it: the commands refuse to write
// a file one of their inputs is read from, however the two paths are spelled.
//
// Two paths are the same file when both exist and have the same device and inode (a symlink, a hard
// link, "./x" and "x", "a/../x" all resolve to it), or when their resolved paths are equal (the
// normal form of the absolute path with every symlink of its existing part resolved: a file not yet
// written is the same as another not yet written under the same resolved name).
#pragma once

#include <string>

namespace lstmlab {

// The absolute path with ".", ".." and the symlinks of its existing prefix resolved.
std::string resolved_path(const std::string& path);

bool same_file(const std::string& a, const std::string& b);

// `path` names a file inside `folder` whose first name below it starts with `prefix` (e.g. a path in
// TRIALS/trial-0003/ for folder TRIALS and prefix "trial-"); false for `folder` itself.
bool inside_folder(const std::string& path, const std::string& folder, const std::string& prefix = "");

} // namespace lstmlab

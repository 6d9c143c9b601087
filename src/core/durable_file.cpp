#include "core/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace clientele {

Result<int64_t> AppendDurably(const std::filesystem::path& path, int64_t length,
                              std::string_view text) {
  const std::string name = path.filename().string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("The file " + name + " cannot be written.");
  bool ok = ::ftruncate(fd, length) == 0 && ::lseek(fd, length, SEEK_SET) == length;
  size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) ok = false;
    written += n > 0 ? static_cast<size_t>(n) : 0;
  }
  ok = ok && ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok) return Error::Internal("The file " + name + " cannot be written (is the disk full?).");
  return length + static_cast<int64_t>(text.size());
}

}  // namespace clientele

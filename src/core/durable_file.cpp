#include "core/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

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

void RemoveFilesOlderThan(const std::filesystem::path& folder, int days) {
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * days);
  for (auto it = std::filesystem::directory_iterator(folder, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::error_code stat_error;
    if (it->is_regular_file(stat_error) && it->last_write_time(stat_error) < cutoff) {
      std::filesystem::remove(it->path(), stat_error);
    }
  }
}

}  // namespace clientele

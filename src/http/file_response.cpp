#include "http/file_response.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>

#include "http/problem.hpp"

namespace clientele::http {
namespace {

// Reads [offset, offset + length) of an open file with pread, so no shared file position.
class FileSource : public BodySource {
 public:
  FileSource(int fd, uint64_t offset, uint64_t length)
      : fd_(fd), offset_(offset), length_(length) {}
  ~FileSource() override { ::close(fd_); }
  uint64_t size() const override { return length_; }
  size_t Read(char* out, size_t max) override {
    const uint64_t left = length_ - read_;
    if (left == 0) return 0;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(left, max));
    ssize_t n;
    do {
      n = ::pread(fd_, out, want, static_cast<off_t>(offset_ + read_));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return 0;
    read_ += static_cast<uint64_t>(n);
    return static_cast<size_t>(n);
  }

 private:
  int fd_;
  uint64_t offset_, length_, read_ = 0;
};

std::optional<uint64_t> Number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// filename="…" with what ASCII allows, and filename*= with the UTF-8 name (RFC 6266).
std::string Disposition(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii, encoded;
  for (unsigned char ch : name) {
    ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? static_cast<char>(ch) : '_';
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_' || ch == '~') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

std::optional<ByteRange> ParseRange(const std::string& header, uint64_t size) {
  std::string_view h = TrimOws(header);
  if (h.rfind("bytes=", 0) != 0) return std::nullopt;
  h.remove_prefix(6);
  h = TrimOws(h);
  if (h.find(',') != std::string_view::npos) return std::nullopt;
  const size_t dash = h.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view first = TrimOws(h.substr(0, dash)), last = TrimOws(h.substr(dash + 1));
  if (first.empty()) {  // the last N bytes
    auto n = Number(last);
    if (!n) return std::nullopt;
    if (*n == 0 || size == 0) return ByteRange{0, 0};
    const uint64_t len = std::min(*n, size);
    return ByteRange{size - len, len};
  }
  auto start = Number(first);
  if (!start) return std::nullopt;
  uint64_t end = size == 0 ? 0 : size - 1;
  if (!last.empty()) {
    auto e = Number(last);
    if (!e || *e < *start) return std::nullopt;
    end = std::min(*e, end);
  }
  if (*start >= size) return ByteRange{0, 0};
  return ByteRange{*start, end - *start + 1};
}

Response FileResponse(const Request& request, const std::filesystem::path& path,
                      const std::string& media_type, const std::string& download_name,
                      Served* served) {
  if (served) *served = Served{};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    return ErrorResponse(
        Error::NotFound("file_missing", "The file is not in the store's file folder."), request);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec));
  std::optional<ByteRange> range;
  if (auto h = request.headers.Get("range")) {
    auto if_range = request.headers.Get("if-range");
    if (!if_range || std::string(TrimOws(*if_range)) == etag) range = ParseRange(*h, size);
  }
  Response r;
  r.headers.Set("accept-ranges", "bytes");
  r.headers.Set("etag", etag);
  r.headers.Set("cache-control", "private, no-store");
  r.headers.Set("x-content-type-options", "nosniff");
  if (range && range->length == 0) {
    ::close(fd);
    r.status = 416;
    r.headers.Set("content-range", "bytes */" + std::to_string(size));
    return r;
  }
  r.headers.Set("content-type", media_type);
  r.headers.Set("content-disposition", Disposition(download_name));
  const uint64_t start = range ? range->start : 0, length = range ? range->length : size;
  if (range) {
    r.status = 206;
    r.headers.Set("content-range", "bytes " + std::to_string(start) + "-" +
                                       std::to_string(start + length - 1) + "/" +
                                       std::to_string(size));
  }
  r.source = std::make_shared<FileSource>(fd, start, length);
  if (served) *served = Served{true, start, length};
  return r;
}

}  // namespace clientele::http

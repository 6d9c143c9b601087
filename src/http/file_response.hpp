// Serving a file from disk as a download: its bytes are streamed (never held in memory), a
// single byte range is honoured (Range, with If-Range against the file's ETag), and HEAD gets
// the headers alone. No Boost here. Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace clientele::http {

// A "bytes=" range resolved against a body of `size` bytes.
struct ByteRange {
  uint64_t start = 0, length = 0;
};
// The single range a Range header asks for: nullopt to send the whole body (no header, a
// malformed one, or several ranges, which a server may answer in full); a range with length 0
// when nothing of it lies inside the body (416).
std::optional<ByteRange> ParseRange(const std::string& header, uint64_t size);

// What FileResponse served, for the download log.
struct Served {
  bool found = false;
  uint64_t start = 0, length = 0;
};

// 200 or 206 with the file's bytes from `path` as `media_type`, named `download_name` in
// Content-Disposition; 416 for a range outside the file; 404 when the file cannot be opened.
Response FileResponse(const Request& request, const std::filesystem::path& path,
                      const std::string& media_type, const std::string& download_name,
                      Served* served);

}  // namespace clientele::http

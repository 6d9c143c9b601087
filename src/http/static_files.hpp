// Serves the built admin web UI (web/dist) under a URL prefix such as /admin/. Every file under
// the root is read into memory once by the constructor, so serving does no disk I/O and a file
// outside the root can never be reached: a request only ever looks up the in-memory table.
// Thread-safety: immutable after construction; Serve may be called from many threads at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace clientele::http {

class StaticFiles {
 public:
  // Reads every regular file under `root` (recursively). A missing or unreadable root gives an
  // empty table: Serve then answers 404 under the prefix, saying the UI has not been built.
  // A file `x.gz` next to a file `x` is not served on its own: it is `x`'s gzip variant.
  // `url_prefix` is normalised to start and end with '/' ("/admin/").
  StaticFiles(std::filesystem::path root, std::string url_prefix);

  // Answers a request under the prefix; nullopt when the path is not under it (the caller
  // routes such requests elsewhere).
  //  - "/admin" (no slash) redirects to "/admin/".
  //  - Only GET and HEAD: anything else gets 405 with Allow. For HEAD the body is returned too;
  //    the server sends the headers only.
  //  - "/admin/" and every path whose last segment has no dot is the single-page app: it gets
  //    index.html (client-side routes such as /admin/customers/cus_123).
  //  - A path with "..", ".", an empty segment, a backslash, a control character or NUL, or an
  //    encoded '/', '\' or NUL in the raw target, is refused with 404.
  //  - A precompressed `.gz` sibling is served when Accept-Encoding allows gzip.
  //  - Files under assets/ carry a content hash in their names and are cached for a year;
  //    everything else (index.html) is revalidated on every use (ETag / If-None-Match → 304).
  std::optional<Response> Serve(const Request& request) const;

  // Number of servable files (gzip variants not counted).
  size_t file_count() const { return files_.size(); }
  const std::string& url_prefix() const { return prefix_; }

  // The content type for a file name, by extension ("application/octet-stream" if unknown).
  static std::string_view ContentTypeFor(std::string_view file_name);

 private:
  struct File {
    std::string body;
    std::string etag;
    std::optional<std::string> gzip_body;
    std::string gzip_etag;
    std::string_view content_type;
    bool immutable = false;  // under assets/: the name changes whenever the content does
    bool html = false;
  };

  Response Build(const Request& request, const File& file) const;

  std::string prefix_;
  std::map<std::string, File, std::less<>> files_;  // key: path relative to the root, '/'-separated
};

}  // namespace clientele::http

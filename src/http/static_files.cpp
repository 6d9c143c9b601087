// The in-memory static file table behind the admin UI: loading, path checks, content
// negotiation (gzip), cache and security headers.
#include "http/static_files.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>
#include <vector>

namespace clientele::http {

namespace {

constexpr std::string_view kGzipSuffix = ".gz";
constexpr std::string_view kAssetsFolder = "assets/";
constexpr std::string_view kIndex = "index.html";

// The admin UI loads only its own scripts and styles; inline styles are allowed because
// components set style attributes, inline scripts are not.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Strong validator from the content (FNV-1a, 64 bits): stable across restarts and nodes.
std::string ETagOf(std::string_view body, std::string_view variant) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag.push_back(kHex[(h >> shift) & 0xf]);
  tag.append(variant);
  tag.push_back('"');
  return tag;
}

std::optional<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return data;
}

// Whether Accept-Encoding allows gzip: "gzip", "x-gzip" or "*" with a non-zero q; an explicit
// "gzip;q=0" wins over "*".
bool AcceptsGzip(const Request& request) {
  auto header = request.headers.Get("accept-encoding");
  if (!header) return false;
  std::string_view rest = *header;
  std::optional<bool> explicit_gzip;
  bool star = false;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = TrimOws(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string name = AsciiLower(TrimOws(item.substr(0, semi)));
    bool allowed = true;
    if (semi != std::string_view::npos) {
      std::string params = AsciiLower(item.substr(semi + 1));
      size_t q = params.find("q=");
      if (q != std::string::npos) allowed = std::strtod(params.c_str() + q + 2, nullptr) > 0.0;
    }
    if (name == "gzip" || name == "x-gzip") {
      explicit_gzip = allowed;
    } else if (name == "*") {
      star = allowed;
    }
  }
  return explicit_gzip.value_or(star);
}

// If-None-Match: "*" or a list of (possibly weak) entity tags.
bool NoneMatchHits(const Request& request, std::string_view etag) {
  auto header = request.headers.Get("if-none-match");
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = TrimOws(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

// The raw path may not carry an encoded slash, backslash or NUL: once decoded they would turn
// one segment into several, or end a C string early.
bool RawPathIsSafe(std::string_view target) {
  std::string raw = AsciiLower(target.substr(0, target.find('?')));
  return raw.find("%2f") == std::string::npos && raw.find("%5c") == std::string::npos &&
         raw.find("%00") == std::string::npos;
}

// A decoded relative path ("assets/x.js", "customers/cus_1", "") is acceptable when no segment
// is ".", ".." or empty (except a trailing slash) and no byte is a control character or '\'.
bool RelativePathIsSafe(std::string_view rel) {
  for (char c : rel) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return false;
  }
  size_t start = 0;
  while (start < rel.size()) {
    size_t slash = rel.find('/', start);
    size_t end = slash == std::string_view::npos ? rel.size() : slash;
    std::string_view segment = rel.substr(start, end - start);
    if (segment == "." || segment == "..") return false;
    if (segment.empty() && slash != std::string_view::npos) return false;  // "a//b", leading '/'
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

Response NotFound() {
  Response r = Response::Text(404, "Not found.\n", "text/plain; charset=utf-8");
  r.headers.Set("x-content-type-options", "nosniff");
  r.headers.Set("cache-control", "no-store");
  return r;
}

}  // namespace

std::string_view StaticFiles::ContentTypeFor(std::string_view file_name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  size_t slash = file_name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext = AsciiLower(base.substr(dot));
  for (const auto& [suffix, type] : kTypes) {
    if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root, std::string url_prefix)
    : prefix_(std::move(url_prefix)) {
  if (prefix_.empty() || prefix_.front() != '/') prefix_.insert(prefix_.begin(), '/');
  if (prefix_.back() != '/') prefix_.push_back('/');

  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return;
  // Plain files first; .gz variants are attached to their originals afterwards.
  std::vector<std::pair<std::string, std::string>> gzipped;
  auto it = std::filesystem::recursive_directory_iterator(root, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = std::filesystem::relative(it->path(), root, ec).generic_string();
    if (ec || rel.empty() || !RelativePathIsSafe(rel)) continue;
    auto data = ReadWholeFile(it->path());
    if (!data) continue;
    if (EndsWith(rel, kGzipSuffix)) {
      gzipped.emplace_back(std::move(rel), std::move(*data));
      continue;
    }
    File file;
    file.content_type = ContentTypeFor(rel);
    file.etag = ETagOf(*data, "");
    file.body = std::move(*data);
    file.immutable = rel.rfind(kAssetsFolder, 0) == 0;
    file.html = EndsWith(AsciiLower(rel), ".html");
    files_.emplace(std::move(rel), std::move(file));
  }
  for (auto& [rel, data] : gzipped) {
    auto original = files_.find(std::string_view(rel).substr(0, rel.size() - kGzipSuffix.size()));
    if (original == files_.end()) {
      // A lone archive is an ordinary download.
      File file;
      file.content_type = "application/gzip";
      file.etag = ETagOf(data, "");
      file.body = std::move(data);
      file.immutable = rel.rfind(kAssetsFolder, 0) == 0;
      files_.emplace(rel, std::move(file));
      continue;
    }
    original->second.gzip_etag = ETagOf(data, "-gz");
    original->second.gzip_body = std::move(data);
  }
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  std::string_view path = request.path;
  std::string_view bare_prefix = std::string_view(prefix_).substr(0, prefix_.size() - 1);
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (path == bare_prefix) {
    if (!read) return std::nullopt;
    Response r;
    r.status = 301;
    std::string location = prefix_;
    size_t qmark = request.target.find('?');
    if (qmark != std::string::npos) location.append(request.target.substr(qmark));
    r.headers.Set("location", location);
    return r;
  }
  if (path.substr(0, prefix_.size()) != prefix_) return std::nullopt;
  if (!read) {
    Response r = Response::Text(405, "Method not allowed.\n", "text/plain; charset=utf-8");
    r.headers.Set("allow", "GET, HEAD");
    return r;
  }
  std::string_view rel = path.substr(prefix_.size());
  if (!RawPathIsSafe(request.target) || !RelativePathIsSafe(rel)) return NotFound();

  size_t slash = rel.rfind('/');
  std::string_view last = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  const bool app_route = last.find('.') == std::string_view::npos;
  auto file = files_.find(app_route ? kIndex : rel);
  if (file == files_.end()) {
    if (app_route) {
      Response r =
          Response::Text(404, "The admin UI has not been built: run scripts/build-web.sh.\n",
                         "text/plain; charset=utf-8");
      r.headers.Set("cache-control", "no-store");
      return r;
    }
    return NotFound();
  }
  return Build(request, file->second);
}

Response StaticFiles::Build(const Request& request, const File& file) const {
  const bool gzip = file.gzip_body && AcceptsGzip(request);
  const std::string& etag = gzip ? file.gzip_etag : file.etag;
  Response r;
  if (NoneMatchHits(request, etag)) {
    r.status = 304;
  } else {
    r.status = 200;
    r.body = gzip ? *file.gzip_body : file.body;
    r.headers.Set("content-type", std::string(file.content_type));
    if (gzip) r.headers.Set("content-encoding", "gzip");
  }
  r.headers.Set("etag", etag);
  if (file.gzip_body) r.headers.Set("vary", "accept-encoding");
  r.headers.Set("cache-control",
                file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.Set("x-content-type-options", "nosniff");
  if (file.html) {
    r.headers.Set("content-security-policy", kContentSecurityPolicy);
    r.headers.Set("referrer-policy", "same-origin");
    r.headers.Set("x-frame-options", "DENY");
  }
  return r;
}

}  // namespace clientele::http

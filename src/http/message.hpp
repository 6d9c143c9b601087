// Plain HTTP request and response values that handlers see. No Boost here: only src/http/server.cpp
// knows about Beast/Asio, so modules compile fast and never depend on the event loop.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clientele::http {

// Case-insensitive header map (names are stored lower-case).
class Headers {
 public:
  void Set(std::string name, std::string value);
  void Add(std::string name, std::string value);
  std::optional<std::string> Get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // raw target, path and query
  std::string path;                               // percent-decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  Headers headers;
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router: {id} -> value

  // First value of a query parameter, if present.
  std::optional<std::string> Query(std::string_view name) const;
  // Every query parameter with its first value (list filters).
  std::map<std::string, std::string> QueryMap() const;
  std::optional<std::string> PathParam(std::string_view name) const;
};

// A body too large to hold in memory (a file download), read piece by piece as the server
// writes it. Used by one connection at a time.
class BodySource {
 public:
  virtual ~BodySource() = default;
  // How many bytes the body has (the Content-Length).
  virtual uint64_t size() const = 0;
  // Fills up to `max` bytes of the rest into `out`; returns how many (0 at the end, or when the
  // source failed: the server then closes the connection, as the length can no longer be met).
  virtual size_t Read(char* out, size_t max) = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body is read from here instead of `body`.
  std::shared_ptr<BodySource> source;
  // Set by Defer: the work that makes the real response, to run off the server threads.
  std::function<Response()> deferred;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain");
  static Response NoContent();
  // A response made by `work` on the server's pool for slow work (password hashing), so one
  // slow request never holds a thread that answers the others. `work` must own what it uses.
  static Response Defer(std::function<Response()> work);
};

// The response itself, with deferred work run here and now (callers outside the server).
Response Resolve(Response response);

// The value of a cookie in the request, if present.
std::optional<std::string> CookieValue(const Request& request, std::string_view name);

// Header text: ASCII lower case, and a value without the spaces and tabs around it (OWS).
std::string AsciiLower(std::string_view s);
std::string_view TrimOws(std::string_view s);

// Splits "a=1&b=x%20y" into decoded pairs ('+' is a space). Malformed escapes are kept as text.
std::multimap<std::string, std::string> ParseQueryString(std::string_view query);
// Decodes %XX escapes; returns nullopt for malformed escapes.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

}  // namespace clientele::http

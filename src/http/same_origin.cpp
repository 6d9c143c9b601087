#include "http/same_origin.hpp"

#include <string>

namespace clientele::http {

bool IsCrossSite(const Request& request) {
  if (auto site = request.headers.Get("sec-fetch-site")) {
    const std::string v = AsciiLower(*site);
    return v != "same-origin" && v != "none";
  }
  auto origin = request.headers.Get("origin");
  if (!origin) return false;
  const std::string o = AsciiLower(*origin);
  const size_t scheme_end = o.find("://");
  if (scheme_end == std::string::npos) return true;  // "null", or nothing we can compare
  const std::string host_port = o.substr(scheme_end + 3);
  const std::string host = AsciiLower(request.headers.Get("host").value_or(""));
  if (host_port == host) return false;
  // Origin omits the scheme's default port, which a Host header may carry.
  const std::string scheme = o.substr(0, scheme_end);
  const std::string default_port = scheme == "https" ? ":443" : ":80";
  return host_port + default_port != host && host_port != host + default_port;
}

}  // namespace clientele::http

// The HTTP/1.1 listener (Boost.Beast, keep-alive, one io_context run by N threads). It reads a
// request within the size limits, hands a plain Request to the handler and writes the Response.
// Every response carries X-Request-Id; one structured access-log line per request holds method,
// path (no query), status, bytes and duration — never personal data.
//
// Thread-safety: the handler is called concurrently from the server threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/message.hpp"

namespace clientele::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int threads = 0;       // 0: one per core (at least 2)
  // Threads for deferred work (Response::Defer); 0: half the cores, at least one. Fewer than
  // the server threads, so slow work never takes every core from the other requests.
  int slow_threads = 0;
  size_t max_body_bytes = 4 * 1024 * 1024;
  size_t max_header_bytes = 16 * 1024;
  int idle_timeout_seconds = 60;
};

class Server {
 public:
  using RequestHandler = std::function<Response(Request&)>;
  Server(ServerOptions options, RequestHandler handler);
  ~Server();

  // Binds and listens. Errors: kUnavailable when the address cannot be bound.
  Status Listen();
  // The port bound by Listen() (useful with port 0).
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM; then stops accepting, lets in-flight requests finish
  // (bounded by a few seconds) and returns.
  void Run();
  // Asks Run() to return; safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clientele::http

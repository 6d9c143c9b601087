// Boost.Beast/Asio live in this file only. Each of the N server threads runs an io_context of its
// own; connections are dealt to them in turn, and every connection runs on its own strand, so a
// session's handlers never run concurrently. Responses are
// serialised by hand into a reused buffer and written together with the body in one gather
// write: cheaper than Beast's serializer and its per-field allocations.
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <charconv>
#include <chrono>
#include <csignal>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "http/problem.hpp"

namespace clientele::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
// Concrete executor types instead of any_io_executor: type erasure showed up in profiles.
using Strand = net::strand<net::io_context::executor_type>;
using Socket = tcp::socket::rebind_executor<Strand>::other;
using Stream = beast::basic_stream<tcp, Strand>;

namespace {

// How long Run() waits for in-flight requests after a stop before it stops the loop anyway.
constexpr auto kDrainTimeout = std::chrono::seconds(5);
constexpr auto kDrainPoll = std::chrono::milliseconds(20);
// After an error response we read and discard what the client is still sending (bounded in
// time and bytes, as nginx's lingering close), so the close does not turn into a reset that
// destroys the response before the client reads it: a client uploading a body over the limit
// sees the 413.
constexpr auto kLingerTimeout = std::chrono::seconds(5);
constexpr size_t kLingerMaxBytes = 256 * 1024 * 1024;
constexpr size_t kKeptBufferBytes = 64 * 1024;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

std::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

// splitmix64 per thread: request ids need to be unique, not unpredictable, and must not take a
// lock on the hot path.
uint64_t NextRandom() {
  thread_local uint64_t state = [] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd() ^
           static_cast<uint64_t>(Clock::now().time_since_epoch().count());
  }();
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void NewRequestId(std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t v = NextRandom();
  out.resize(16);
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kHex[v & 0xf];
}

// A client-supplied id is echoed only when it cannot smuggle anything into logs or headers.
bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// A problem response whose wire status differs from the one StatusFor() gives the error code (the
// code set has no 405/413/431); the JSON "status" and "title" are kept equal to the wire.
Response ProblemWithStatus(Error error, int status, const char* title, const std::string& rid) {
  Response r = Problem(error, rid);
  r.status = status;
  auto body = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    body["status"] = status;
    body["title"] = title;
    r.body = body.dump();
  }
  return r;
}

bool IsServerHeader(std::string_view name) {
  // Framing and identity headers are the server's; a handler's copy would duplicate them.
  return name == "content-length" || name == "connection" || name == "transfer-encoding" ||
         name == "server" || name == "x-request-id";
}

void AppendHeaderValue(std::string& out, std::string_view value) {
  // A CR or LF in a value (say a file name from user input) would split the response.
  size_t start = out.size();
  out.append(value);
  for (size_t i = start; i < out.size(); ++i) {
    if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
  }
}

void AppendNumber(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, end);
}

class Session;

size_t SlowThreads(const ServerOptions& options) {
  if (options.slow_threads > 0) return static_cast<size_t>(options.slow_threads);
  return std::max(1u, std::thread::hardware_concurrency() / 2);
}

std::vector<std::unique_ptr<net::io_context>> MakeIoContexts(const ServerOptions& options) {
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<net::io_context>> out;
  for (int i = 0; i < threads; ++i) out.push_back(std::make_unique<net::io_context>(1));
  return out;
}

// The server's shared state. Not Server::Impl itself because sessions need to name it and that
// type is private to Server.
struct ServerState {
  using RequestHandler = Server::RequestHandler;
  ServerState(ServerOptions o, RequestHandler h)
      : options(std::move(o)),
        handler(std::move(h)),
        ios(MakeIoContexts(options)),
        slow_pool(SlowThreads(options)),
        strand(net::make_strand(*ios[0])),
        acceptor(strand),
        accept_retry(strand),
        drain_timer(strand) {}

  void DoAccept();
  void OnAccept(beast::error_code ec, Socket socket);
  void BeginShutdown();  // on strand
  void PollDrain();      // on strand
  void Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);

  const ServerOptions options;
  const RequestHandler handler;

  // Live sessions, touched once per connection (never per request). Declared before the
  // io_context: sessions destroyed together with its pending handlers unregister here.
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};

  // One io_context per server thread, each run by its thread alone: a connection stays on one
  // of them, so its handlers never move between threads and the threads share no scheduler.
  std::vector<std::unique_ptr<net::io_context>> ios;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  // Runs deferred responses. Declared after the io_contexts so it stops first: work still
  // queued then is dropped with the sessions it holds, while their sockets' contexts live.
  net::thread_pool slow_pool;
  size_t next_io = 0;  // on strand: where the next connection goes
  // On ios[0]: serialises the acceptor, the signal set and the timers; sessions have strands of
  // their own.
  Strand strand;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  net::steady_timer drain_timer;
  std::optional<net::signal_set> signals;
  Clock::time_point drain_deadline;
  bool shutdown_started = false;  // on strand
  uint16_t port = 0;
};

// One connection: read a request, call the handler, write the response, repeat while keep-alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, ServerState& server) : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = endpoint.address().to_string();
  }

  ~Session() { server_.Unregister(this); }

  Strand executor() { return stream_.get_executor(); }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

  // Called on the session's strand when the server stops: an idle keep-alive connection is
  // closed now; one with a request in flight finishes it and closes afterwards.
  void Shutdown() {
    if (state_ == State::kWaiting && parser_ && !parser_->got_some() && buffer_.size() == 0) {
      Close();
    }
  }

 private:
  enum class State { kWaiting, kBusy, kClosed };

  void ReadHeader() {
    if (server_.stopping.load(std::memory_order_relaxed)) {
      Close();
      return;
    }
    // The buffer grows with what the client sends at once; give back what a large upload took.
    if (buffer_.size() == 0 && buffer_.capacity() > kKeptBufferBytes) buffer_.shrink_to_fit();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<size_t>(server_.options.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(static_cast<std::uint64_t>(server_.options.max_body_bytes));
    state_ = State::kWaiting;
    have_header_ = false;
    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    state_ = State::kBusy;
    started_ = Clock::now();
    if (ec) return OnReadError(ec);
    have_header_ = true;
    if (!HasPlainFraming()) {
      // Beast reads a body it cannot frame as empty; the bytes would become the next request.
      return Reject(400, "bad_transfer_encoding", "Bad request",
                    "Transfer-Encoding must be exactly \"chunked\", without Content-Length.");
    }
    if (parser_->is_done()) return Handle();
    // The client waits for this before sending a large body (curl does for uploads).
    auto expect = parser_->get()[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code write_ec, size_t) {
                         if (write_ec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  // The body's framing is one this server and any proxy in front read the same way: no
  // Transfer-Encoding, or a single "chunked" and no Content-Length (RFC 9112 6.1, 6.3).
  bool HasPlainFraming() const {
    int encodings = 0;
    bool chunked = false;
    bool length = false;
    for (const auto& field : parser_->get()) {
      if (field.name() == bhttp::field::transfer_encoding) {
        ++encodings;
        chunked = AsciiLower(TrimOws(Sv(field.value()))) == "chunked";
      } else if (field.name() == bhttp::field::content_length) {
        length = true;
      }
    }
    return encodings == 0 || (encodings == 1 && chunked && !length);
  }

  void ReadBody() {
    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    if (ec) return OnReadError(ec);
    Handle();
  }

  void OnReadError(beast::error_code ec) {
    // Parse errors answer the client; network errors, timeouts and a client that went away
    // between requests just end the connection.
    static const auto& kHttpCategory = bhttp::make_error_code(bhttp::error::bad_method).category();
    if (ec.category() != kHttpCategory || ec == bhttp::error::end_of_stream ||
        ec == bhttp::error::partial_message || !parser_->got_some()) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      // Beast checks Content-Length against the limit once every field has been read, so the
      // method, target and x-request-id of the refused request are known.
      have_header_ = true;
      return Reject(
          413, "payload_too_large", "Request too large",
          "The request body exceeds " + std::to_string(server_.options.max_body_bytes) + " bytes.");
    }
    if (ec == bhttp::error::header_limit) {
      return Reject(431, "headers_too_large", "Request header fields too large",
                    "The request headers exceed " +
                        std::to_string(server_.options.max_header_bytes) + " bytes.");
    }
    Reject(400, "bad_request", "Bad request", "The request is not valid HTTP/1.1.");
  }

  // Answers a request that never reaches the handler, then closes the connection.
  void Reject(int status, const char* slug, const char* title, std::string message) {
    ChooseRequestId();
    response_ = ProblemWithStatus(Error{ErrorCode::kInvalidArgument, slug, std::move(message), {}},
                                  status, title, request_id_);
    linger_ = true;
    Write(/*head_only=*/false, /*keep_alive=*/false);
  }

  void ChooseRequestId() {
    if (have_header_) {
      auto incoming = Sv(parser_->get()["x-request-id"]);
      if (IsValidRequestId(incoming)) {
        request_id_.assign(incoming.data(), incoming.size());
        return;
      }
    }
    NewRequestId(request_id_);
  }

  void Handle() {
    auto& msg = parser_->get();
    ChooseRequestId();
    std::string_view target = Sv(msg.target());
    size_t qmark = target.find('?');
    auto path = PercentDecode(target.substr(0, qmark), /*plus_is_space=*/false);
    if (!path) {
      return Reject(400, "bad_request", "Bad request", "The request path has a malformed escape.");
    }

    if (!IsCleanUtf8(*path, false)) {
      return Reject(400, "bad_request", "Bad request",
                    "The request path must be UTF-8 text without control characters.");
    }

    Request request;
    request.method = Sv(msg.method_string());
    request.target = target;
    request.path = std::move(*path);
    if (qmark != std::string_view::npos) request.query = ParseQueryString(target.substr(qmark + 1));
    for (const auto& [name, value] : request.query) {
      if (!IsCleanUtf8(name, false) || !IsCleanUtf8(value, false)) {
        return Reject(400, "bad_query", "Bad request",
                      "Query parameters must be UTF-8 text without control characters.");
      }
    }
    for (const auto& field : msg) {
      request.headers.Add(std::string(Sv(field.name_string())), std::string(Sv(field.value())));
    }
    request.body = std::move(msg.body());
    request.remote_ip = remote_ip_;
    request.request_id = request_id_;

    response_ = RunGuarded([&] { return server_.handler(request); }, request_id_);
    bool keep_alive = msg.keep_alive() && !server_.stopping.load(std::memory_order_relaxed);
    const bool head_only = msg.method() == bhttp::verb::head;
    if (response_.deferred) return RunDeferred(head_only, keep_alive);
    Write(head_only, keep_alive);
  }

  // Answers 500 for an exception, which is a bug or broken infrastructure.
  template <typename F>
  static Response RunGuarded(F&& make, const std::string& request_id) {
    try {
      return make();
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception rid={} what={}", request_id, e.what());
    } catch (...) {
      spdlog::error("unhandled exception rid={} what=(not a std::exception)", request_id);
    }
    return Problem(Error::Internal("An unexpected error occurred."), request_id);
  }

  // Runs the deferred work on the slow pool, then writes its response on this strand.
  void RunDeferred(bool head_only, bool keep_alive) {
    auto work = std::move(response_.deferred);
    response_.deferred = nullptr;
    net::post(server_.slow_pool, [self = shared_from_this(), work = std::move(work),
                                  request_id = request_id_, head_only, keep_alive]() mutable {
      Response out = RunGuarded([&] { return Resolve(work()); }, request_id);
      net::post(self->executor(), [self, out = std::move(out), head_only, keep_alive]() mutable {
        if (self->state_ == State::kClosed) return;
        self->response_ = std::move(out);
        self->Write(head_only, keep_alive);
      });
    });
  }

  void Write(bool head_only, bool keep_alive) {
    const int status = response_.status;
    // 1xx, 204 and 304 carry no body and, for 204, must not carry a content-length.
    const bool bodyless = status < 200 || status == 204 || status == 304;
    head_.clear();
    head_.append("HTTP/1.1 ");
    AppendNumber(head_, static_cast<uint64_t>(status));
    head_.push_back(' ');
    auto reason = bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(status)));
    head_.append(reason.data(), reason.size());
    head_.append("\r\n");
    for (const auto& [name, value] : response_.headers.all()) {
      if (IsServerHeader(name)) continue;
      head_.append(name);
      head_.append(": ");
      AppendHeaderValue(head_, value);
      head_.append("\r\n");
    }
    head_.append("server: clientele\r\nx-request-id: ");
    head_.append(request_id_);
    head_.append("\r\n");
    const uint64_t length = response_.source ? response_.source->size() : response_.body.size();
    if (!bodyless) {
      head_.append("content-length: ");
      AppendNumber(head_, length);
      head_.append("\r\n");
    }
    const bool http10 = have_header_ && parser_->get().version() == 10;
    if (!keep_alive) {
      head_.append("connection: close\r\n");
    } else if (http10) {
      head_.append("connection: keep-alive\r\n");
    }
    head_.append("\r\n");

    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    if (response_.source) {
      body_bytes_ = 0;
      source_left_ = (bodyless || head_only) ? 0 : length;
      net::async_write(stream_, net::buffer(head_),
                       [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                         if (ec) return self->OnWrite(keep_alive, ec, 0);
                         self->WriteSourceChunk(keep_alive);
                       });
      return;
    }
    body_bytes_ = (bodyless || head_only) ? 0 : response_.body.size();
    std::array<net::const_buffer, 2> buffers = {net::buffer(head_),
                                                net::buffer(response_.body.data(), body_bytes_)};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive));
  }

  // Streams a large body in pieces, so its size never sits in memory.
  void WriteSourceChunk(bool keep_alive) {
    if (source_left_ == 0) return OnWrite(keep_alive, {}, 0);
    chunk_.resize(kChunkBytes);
    const size_t want = static_cast<size_t>(std::min<uint64_t>(source_left_, kChunkBytes));
    const size_t n = response_.source->Read(chunk_.data(), want);
    if (n == 0) {
      // The file shrank or failed under us: the promised length cannot be met.
      spdlog::warn("event=body_source_failed rid={} left={}", request_id_, source_left_);
      return OnWrite(false, net::error::broken_pipe, 0);
    }
    source_left_ -= n;
    body_bytes_ += n;
    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    net::async_write(stream_, net::buffer(chunk_.data(), n),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                       if (ec) return self->OnWrite(keep_alive, ec, 0);
                       self->WriteSourceChunk(keep_alive);
                     });
  }

  void OnWrite(bool keep_alive, beast::error_code ec, size_t /*bytes*/) {
    LogAccess();
    // An idle keep-alive connection should not pin a large response (an export) in memory.
    response_ = Response();
    if (ec || state_ == State::kClosed) return Close();
    if (linger_) return LingerThenClose();
    if (!keep_alive || server_.stopping.load(std::memory_order_relaxed)) return Close();
    ReadHeader();
  }

  void LogAccess() {
    auto* logger = spdlog::default_logger_raw();
    if (!logger->should_log(spdlog::level::info)) return;
    std::string_view method = "-";
    std::string_view path = "-";
    if (have_header_) {
      method = Sv(parser_->get().method_string());
      // The raw path only: the query string may hold search terms (personal data).
      std::string_view target = Sv(parser_->get().target());
      path = target.substr(0, target.find('?'));
    }
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    logger->info("method={} path={} status={} bytes={} ms={:.2f} rid={}", method, path,
                 response_.status, body_bytes_, ms, request_id_);
  }

  void LingerThenClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    linger_left_ = kLingerMaxBytes;
    stream_.expires_after(kLingerTimeout);
    Discard();
  }

  void Discard() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec || n >= self->linger_left_) return self->Close();
                              self->linger_left_ -= n;
                              self->Discard();
                            });
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  ServerState& server_;
  Stream stream_;
  beast::flat_buffer buffer_;  // reused for every request on the connection
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Response response_;
  std::string head_;        // serialised status line and headers; capacity reused
  std::string request_id_;  // of the request in flight
  std::string remote_ip_;   // looked up once per connection
  Clock::time_point started_;
  size_t body_bytes_ = 0;
  static constexpr size_t kChunkBytes = 64 * 1024;
  std::vector<char> chunk_;  // a piece of a streamed body (BodySource)
  uint64_t source_left_ = 0;
  size_t linger_left_ = 0;
  State state_ = State::kBusy;
  bool linger_ = false;
  bool have_header_ = false;  // the request's start line and fields were parsed completely
};

void ServerState::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mu);
  sessions.emplace(session.get(), session);
}

void ServerState::Unregister(Session* session) {
  std::lock_guard lock(sessions_mu);
  sessions.erase(session);
}

void ServerState::DoAccept() {
  net::io_context& io = *ios[next_io++ % ios.size()];
  acceptor.async_accept(net::make_strand(io),
                        beast::bind_front_handler(&ServerState::OnAccept, this));
}

void ServerState::OnAccept(beast::error_code ec, Socket socket) {
  if (shutdown_started || !acceptor.is_open()) return;
  if (ec) {
    // Typically EMFILE: retrying at once would spin; wait for connections to close.
    spdlog::warn("accept failed: {}", ec.message());
    accept_retry.expires_after(kAcceptRetryDelay);
    accept_retry.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && !shutdown_started) DoAccept();
    });
    return;
  }
  beast::error_code opt_ec;
  socket.set_option(tcp::no_delay(true), opt_ec);
  auto session = std::make_shared<Session>(std::move(socket), *this);
  Register(session);
  session->Start();
  DoAccept();
}

void ServerState::BeginShutdown() {
  if (shutdown_started) return;
  shutdown_started = true;
  stopping.store(true);
  beast::error_code ec;
  acceptor.close(ec);
  accept_retry.cancel();
  if (signals) signals->cancel(ec);

  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    live.reserve(sessions.size());
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& session : live) {
    net::post(session->executor(), [session] { session->Shutdown(); });
  }
  drain_deadline = Clock::now() + kDrainTimeout;
  PollDrain();
}

void ServerState::PollDrain() {
  bool empty;
  {
    std::lock_guard lock(sessions_mu);
    empty = sessions.empty();
  }
  if (empty || Clock::now() >= drain_deadline) {
    if (!empty) spdlog::warn("stopping with requests still in flight after the drain timeout");
    keep_running.clear();
    for (auto& io : ios) io->stop();
    return;
  }
  drain_timer.expires_after(kDrainPoll);
  drain_timer.async_wait([this](beast::error_code ec) {
    if (!ec) PollDrain();
  });
}

}  // namespace

struct Server::Impl : ServerState {
  using ServerState::ServerState;
};

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

Status Server::Listen() {
  const auto& o = impl_->options;
  auto fail = [&](const beast::error_code& ec) -> Status {
    return Error{ErrorCode::kUnavailable,
                 "listen_failed",
                 "Cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + ec.message(),
                 {}};
  };
  beast::error_code ec;
  net::ip::address address;
  if (o.host == "localhost") {
    address = net::ip::address_v4::loopback();
  } else {
    address = net::ip::make_address(o.host, ec);
    if (ec) return fail(ec);
  }
  tcp::endpoint endpoint(address, o.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail(ec);
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail(ec);
  acceptor.bind(endpoint, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return fail(ec);
  }
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return fail(ec);
  }
  impl_->port = acceptor.local_endpoint(ec).port();
  return OkStatus();
}

uint16_t Server::port() const { return impl_->port; }

void Server::Run() {
  Impl& impl = *impl_;
  impl.signals.emplace(impl.strand, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](beast::error_code ec, int signal_number) {
    if (ec) return;
    spdlog::info("received signal {}, shutting down", signal_number);
    impl.BeginShutdown();
  });
  net::dispatch(impl.strand, [&impl] {
    if (!impl.shutdown_started && impl.acceptor.is_open()) impl.DoAccept();
  });

  // The other threads' contexts may have no connection for a while: keep them running.
  for (size_t i = 1; i < impl.ios.size(); ++i) {
    impl.keep_running.push_back(net::make_work_guard(*impl.ios[i]));
  }
  std::vector<std::thread> workers;
  workers.reserve(impl.ios.size() - 1);
  for (size_t i = 1; i < impl.ios.size(); ++i) {
    workers.emplace_back([io = impl.ios[i].get()] { io->run(); });
  }
  impl.ios[0]->run();
  for (auto& t : workers) t.join();
  impl.slow_pool.join();
  // Give SIGINT/SIGTERM back to their default handling once we no longer serve.
  impl.signals.reset();
}

void Server::Stop() {
  Impl* impl = impl_.get();
  net::post(impl->strand, [impl] { impl->BeginShutdown(); });
}

}  // namespace clientele::http

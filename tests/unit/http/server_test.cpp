// The real listener on 127.0.0.1, port 0, driven by libcurl (and a raw socket for bad requests):
// keep-alive, bodies, size limits, request ids, errors, access log and graceful shutdown.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace clientele::http {
namespace {

constexpr size_t kBodyLimit = 1024;

// Echoes "METHOD PATH q=QUERY BODY"; special paths throw or report the request id.
Response Echo(Request& r) {
  if (r.path == "/throw") throw std::runtime_error("boom from handler");
  if (r.path == "/rid") return Response::Text(200, r.request_id);
  std::string q = r.Query("q").value_or("");
  return Response::Text(200, r.method + " " + r.path + " q=" + q + " " + r.body);
}

// A server running Run() on its own thread; stopped and joined on destruction.
class RunningServer {
 public:
  explicit RunningServer(Server::RequestHandler handler = Echo) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = kBodyLimit;
    options.max_header_bytes = 2048;
    server_ = std::make_unique<Server>(options, std::move(handler));
    Status status = server_->Listen();
    EXPECT_TRUE(status.ok());
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() { StopAndJoin(); }

  void StopAndJoin() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

struct CurlResult {
  long status = 0;
  std::string body;
  std::vector<std::string> headers;  // lower-cased "name: value" lines
  long new_connections = 0;
  CURLcode code = CURLE_OK;

  std::string Header(const std::string& name) const {
    for (const auto& h : headers) {
      if (h.rfind(name + ":", 0) == 0) {
        std::string v = h.substr(name.size() + 1);
        while (!v.empty() && (v.front() == ' ')) v.erase(0, 1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n')) v.pop_back();
        return v;
      }
    }
    return "";
  }
};

size_t CollectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  for (char& c : line) {
    if (c == ':') break;
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static_cast<std::vector<std::string>*>(out)->push_back(line);
  return size * n;
}

// A reusable easy handle: consecutive Perform() calls share its connection cache.
class Client {
 public:
  Client() : curl_(curl_easy_init()) {}
  ~Client() { curl_easy_cleanup(curl_); }

  CurlResult Perform(const std::string& method, const std::string& url,
                     const std::string* body = nullptr,
                     const std::vector<std::string>& extra_headers = {}) {
    CurlResult result;
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, CollectBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, CollectHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 10L);
    if (method == "HEAD") {
      curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
    } else if (method != "GET") {
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    if (body != nullptr) {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body->data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    }
    curl_slist* list = nullptr;
    for (const auto& h : extra_headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    result.code = curl_easy_perform(curl_);
    curl_slist_free_all(list);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
    curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &result.new_connections);
    return result;
  }

 private:
  CURL* curl_;
};

// Sends raw bytes and returns everything the server answers until it closes the connection.
std::string RawExchange(uint16_t port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return "connect failed";
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  (void)send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

bool IsHex16(const std::string& s) {
  return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  static void TearDownTestSuite() { curl_global_cleanup(); }
};

TEST_F(ServerTest, GetKeepsTheConnectionAlive) {
  RunningServer server;
  Client client;
  CurlResult first = client.Perform("GET", server.Url("/customers/cus%201?q=anna+b"));
  ASSERT_EQ(first.code, CURLE_OK) << curl_easy_strerror(first.code);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "GET /customers/cus 1 q=anna b ");
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(first.Header("server"), "clientele");
  EXPECT_EQ(first.Header("content-length"), std::to_string(first.body.size()));
  EXPECT_EQ(first.Header("content-type"), "text/plain");
  EXPECT_TRUE(IsHex16(first.Header("x-request-id"))) << first.Header("x-request-id");

  CurlResult second = client.Perform("GET", server.Url("/again"));
  ASSERT_EQ(second.code, CURLE_OK);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "GET /again q= ");
  EXPECT_EQ(second.new_connections, 0) << "the second request should reuse the connection";
  EXPECT_NE(second.Header("x-request-id"), first.Header("x-request-id"));
}

TEST_F(ServerTest, PostDeliversTheBody) {
  RunningServer server;
  Client client;
  std::string body = R"({"name":"Anna"})";
  CurlResult r =
      client.Perform("POST", server.Url("/customers"), &body, {"Content-Type: application/json"});
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /customers q= " + body);
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  RunningServer server;
  Client client;
  std::string body(kBodyLimit, 'x');
  CurlResult r = client.Perform("PUT", server.Url("/big"), &body);
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "PUT /big q= " + body);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  RunningServer server;
  Client client;
  std::string body(64 * 1024, 'x');
  CurlResult r = client.Perform("POST", server.Url("/big"), &body);
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Header("connection"), "close");
  auto problem = nlohmann::json::parse(r.body);
  EXPECT_EQ(problem["status"], 413);
  EXPECT_EQ(problem["code"], "payload_too_large");
  EXPECT_EQ(problem["request_id"], r.Header("x-request-id"));
}

TEST_F(ServerTest, BodyOverTheLimitWithExpectContinueIs413) {
  RunningServer server;
  Client client;
  std::string body(64 * 1024, 'x');
  CurlResult r = client.Perform("POST", server.Url("/big"), &body, {"Expect: 100-continue"});
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, ExpectContinueWithinTheLimitGetsTheBody) {
  RunningServer server;
  Client client;
  std::string body(600, 'y');
  auto started = std::chrono::steady_clock::now();
  CurlResult r = client.Perform("POST", server.Url("/upload"), &body, {"Expect: 100-continue"});
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /upload q= " + body);
  // curl sends the body after 1 s without a 100 Continue; the server must answer sooner.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
}

TEST_F(ServerTest, HeadersOverTheLimitAre431) {
  RunningServer server;
  Client client;
  CurlResult r =
      client.Perform("GET", server.Url("/x"), nullptr, {"X-Filler: " + std::string(4096, 'f')});
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(nlohmann::json::parse(r.body)["status"], 431);
}

TEST_F(ServerTest, MalformedRequestIs400AndClosed) {
  RunningServer server;
  std::string answer = RawExchange(server.port(), "GET /x HTTP/9\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("connection: close\r\n"), std::string::npos);
  EXPECT_NE(answer.find("\"bad_request\""), std::string::npos);
}

TEST_F(ServerTest, MalformedPathEscapeIs400) {
  RunningServer server;
  std::string answer = RawExchange(server.port(), "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer;
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server;
  std::string answer = RawExchange(server.port(),
                                   "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                                   "GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  size_t one = answer.find("GET /one");
  size_t two = answer.find("GET /two");
  ASSERT_NE(one, std::string::npos) << answer;
  ASSERT_NE(two, std::string::npos) << answer;
  EXPECT_LT(one, two);
}

TEST_F(ServerTest, Http10IsClosedUnlessKeepAliveIsAsked) {
  RunningServer server;
  std::string closed = RawExchange(server.port(), "GET /a HTTP/1.0\r\n\r\n");
  EXPECT_NE(closed.find("connection: close\r\n"), std::string::npos) << closed;
  EXPECT_NE(closed.find("GET /a"), std::string::npos);
}

TEST_F(ServerTest, RequestIdIsEchoedOnlyWhenWellFormed) {
  RunningServer server;
  Client client;
  CurlResult valid =
      client.Perform("GET", server.Url("/rid"), nullptr, {"X-Request-Id: abc-123_XYZ"});
  EXPECT_EQ(valid.Header("x-request-id"), "abc-123_XYZ");
  EXPECT_EQ(valid.body, "abc-123_XYZ");

  CurlResult invalid =
      client.Perform("GET", server.Url("/rid"), nullptr, {"X-Request-Id: has space;and=more"});
  EXPECT_TRUE(IsHex16(invalid.Header("x-request-id"))) << invalid.Header("x-request-id");
  EXPECT_EQ(invalid.body, invalid.Header("x-request-id"));

  CurlResult too_long =
      client.Perform("GET", server.Url("/rid"), nullptr, {"X-Request-Id: " + std::string(65, 'a')});
  EXPECT_TRUE(IsHex16(too_long.Header("x-request-id")));
}

TEST_F(ServerTest, HandlerExceptionIs500WithRequestId) {
  RunningServer server;
  Client client;
  CurlResult r = client.Perform("GET", server.Url("/throw"));
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 500);
  auto problem = nlohmann::json::parse(r.body);
  EXPECT_EQ(problem["detail"],
            "An unexpected error occurred; the request id identifies it in the server's log.");
  EXPECT_EQ(problem["request_id"], r.Header("x-request-id"));
  EXPECT_EQ(problem.dump().find("boom"), std::string::npos) << "exception text must not leak";
  // The connection stays usable.
  EXPECT_EQ(client.Perform("GET", server.Url("/ok")).status, 200);
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
  RunningServer server;
  Client client;
  CurlResult r = client.Perform("HEAD", server.Url("/h"));
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.Header("content-length"), std::to_string(std::string("HEAD /h q= ").size()));
}

TEST_F(ServerTest, NoContentHasNoContentLength) {
  RunningServer server([](Request&) { return Response::NoContent(); });
  Client client;
  CurlResult r = client.Perform("DELETE", server.Url("/c/1"));
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("content-length"), "");
}

TEST_F(ServerTest, HeaderValuesCannotSplitTheResponse) {
  RunningServer server([](Request&) {
    Response r = Response::Text(200, "x");
    r.headers.Set("content-disposition", "attachment; filename=\"a\r\nx-evil: 1\"");
    return r;
  });
  Client client;
  CurlResult r = client.Perform("GET", server.Url("/f"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("x-evil"), "");
}

TEST_F(ServerTest, AccessLogHasPathButNoQuery) {
  auto previous = spdlog::default_logger();
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);
  {
    RunningServer server;
    Client client;
    client.Perform("GET", server.Url("/api/customers?q=secret.person%40example.com"));
    server.StopAndJoin();  // every access line is written before Run() returns
  }
  spdlog::set_default_logger(previous);
  std::string text = log.str();
  EXPECT_NE(text.find("method=GET path=/api/customers status=200 bytes="), std::string::npos)
      << text;
  EXPECT_NE(text.find(" ms="), std::string::npos);
  EXPECT_NE(text.find(" rid="), std::string::npos);
  EXPECT_EQ(text.find("secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("127.0.0.1"), std::string::npos) << text;
}

TEST_F(ServerTest, StopFinishesTheRequestInFlight) {
  std::promise<void> entered;
  std::promise<void> release;
  auto release_future = release.get_future().share();
  RunningServer server([&](Request&) {
    entered.set_value();
    release_future.wait();
    return Response::Text(200, "finished");
  });
  auto request = std::async(std::launch::async, [&] {
    Client client;
    return client.Perform("GET", server.Url("/slow"));
  });
  entered.get_future().wait();
  std::thread stopper([&] { server.StopAndJoin(); });
  release.set_value();
  CurlResult r = request.get();
  stopper.join();
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "finished");
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnectionsPromptly) {
  RunningServer server;
  Client client;  // keeps its connection open after the request
  ASSERT_EQ(client.Perform("GET", server.Url("/x")).status, 200);
  auto started = std::chrono::steady_clock::now();
  server.StopAndJoin();
  // Well under the 5 s drain bound: the idle connection does not hold the shutdown.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST_F(ServerTest, StopBeforeRunReturns) {
  Server server(ServerOptions{.host = "127.0.0.1", .port = 0}, Echo);
  ASSERT_TRUE(server.Listen().ok());
  server.Stop();
  server.Run();  // returns at once: the stop was queued
  SUCCEED();
}

TEST_F(ServerTest, ListenReportsBindErrors) {
  RunningServer first;
  Server second(ServerOptions{.host = "127.0.0.1", .port = first.port()}, Echo);
  Status taken = second.Listen();
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(taken.error().slug, "listen_failed");

  Server bad_host(ServerOptions{.host = "no such host", .port = 0}, Echo);
  Status bad = bad_host.Listen();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().slug, "listen_failed");
}

TEST_F(ServerTest, ListensOnLocalhostAndIpv6Loopback) {
  for (const char* host : {"localhost", "::1"}) {
    Server server(ServerOptions{.host = host, .port = 0}, Echo);
    Status status = server.Listen();
    // ::1 may be absent in some containers; localhost must always work.
    if (std::string(host) == "::1" && !status.ok()) continue;
    ASSERT_TRUE(status.ok()) << host;
    EXPECT_NE(server.port(), 0);
  }
}

}  // namespace
}  // namespace clientele::http

namespace clientele::http {
namespace {

// Deferred work runs off the server threads: while a deferred request is held, requests on
// every server thread (new connections go to each in turn) still answer.
TEST_F(ServerTest, DeferredWorkLeavesTheServerThreadsFree) {
  std::promise<void> release, started;
  std::shared_future<void> released = release.get_future().share();
  RunningServer server([released, &started](Request& r) {
    if (r.path != "/slow") return Response::Text(200, "fast");
    return Response::Defer([released, &started] {
      started.set_value();
      released.wait();
      return Response::Text(200, "slow done");
    });
  });
  auto slow = std::async(std::launch::async, [&] {
    Client client;
    return client.Perform("GET", server.Url("/slow"));
  });
  started.get_future().wait();
  for (int i = 0; i < 4; ++i) {
    Client client;  // a new connection each time
    CurlResult fast = client.Perform("GET", server.Url("/fast"));
    ASSERT_EQ(fast.code, CURLE_OK) << curl_easy_strerror(fast.code);
    EXPECT_EQ(fast.body, "fast");
  }
  release.set_value();
  CurlResult done = slow.get();
  EXPECT_EQ(done.status, 200);
  EXPECT_EQ(done.body, "slow done");
}

}  // namespace
}  // namespace clientele::http

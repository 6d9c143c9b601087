// Runs the real `clientele` binary for API tests: creates an owner and an API token with the CLI,
// starts `clientele serve` on a free port and talks HTTP to it with libcurl.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_db.hpp"

namespace clientele::testing {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const;
};

// Runs the binary with `args`, feeding `input` on stdin; returns its exit code and stdout.
int RunCli(const std::vector<std::string>& args, const std::string& input, std::string* out);

// GET of an absolute URL (the test mail server's API).
HttpResult HttpGet(const std::string& url);

// Sends `bytes` on a new connection to 127.0.0.1:`port` and returns everything the server
// writes until it closes the connection (or 10 s pass).
std::string RawExchange(int port, const std::string& bytes);

// A browser signed in to the admin UI: its session cookie and CSRF token.
struct BrowserSession {
  std::string cookie;  // "clientele_session=..."
  std::string csrf;
};

class ServerProcess {
 public:
  // Sets up an owner and token on `db_url`, then starts the server with `serve_args` added to
  // `serve`. Fails the test on error.
  explicit ServerProcess(std::string db_url, std::vector<std::string> serve_args = {});
  ~ServerProcess();
  // Another server node on the same database (a second `clientele serve`), sharing the owner
  // and token of this one.
  std::unique_ptr<ServerProcess> SecondNode(const std::vector<std::string>& serve_args = {}) const;

  // Starts the server again on the same database (after Stop or Kill).
  void Start(const std::vector<std::string>& serve_args);
  // Kills the server at once (SIGKILL), as a crash would.
  void Kill();

  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::vector<std::string>& headers = {}) const;
  // Same, authenticated with the owner's token.
  HttpResult Admin(const std::string& method, const std::string& path,
                   const nlohmann::json& body = nullptr,
                   std::vector<std::string> headers = {}) const;

  // Calls with another API token.
  HttpResult WithToken(const std::string& token, const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr) const;
  // POST /api/admin/session with e-mail, password and (when given) a TOTP code.
  HttpResult SignIn(const std::string& email, const std::string& password,
                    const std::string& totp_code = "") const;
  // Signs in and returns the session; fails the test unless the sign-in answers 200.
  BrowserSession SignedIn(const std::string& email, const std::string& password,
                          const std::string& totp_code = "") const;
  // Calls as the signed-in browser (cookie, JSON body, and the CSRF token unless told not to).
  HttpResult AsBrowser(const BrowserSession& session, const std::string& method,
                       const std::string& path, const nlohmann::json& body = nullptr,
                       std::vector<std::string> headers = {}, bool with_csrf = true) const;

  // The token of the link (`token=…`) in the newest e-mail of `template_key` to `to`, read from
  // the message log through the admin API; "" when there is none.
  std::string LinkToken(const std::string& template_key, const std::string& to) const;

  // Sends SIGTERM and waits; returns the exit status.
  int Stop();
  bool running() const { return pid_ > 0; }
  const std::string& token() const { return token_; }
  const std::string& db_url() const { return db_url_; }
  int port() const { return port_; }

 private:
  ServerProcess() = default;

  std::string db_url_;
  std::string token_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Reads job `id` until `done(job)` holds, failing the test after `seconds`; returns the last job
// read. The job's state is what it waits on: each read follows the previous answer after a short
// pause that leaves the cores to the job's runner.
nlohmann::json WaitForJob(const ServerProcess& server, const std::string& id,
                          const std::function<bool(const nlohmann::json&)>& done, int seconds = 60);

// A suite run once per database engine (its parameter) whose tests share one server per engine,
// started on first use and stopped after the suite; each test keeps to data of its own.
class SharedServerSuite : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() { Servers().clear(); }

  const ServerProcess& server() {
    auto& slot = Servers()[GetParam()];
    if (!slot) slot = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()));
    return *slot;
  }

 private:
  static std::map<std::string, std::unique_ptr<ServerProcess>>& Servers() {
    static std::map<std::string, std::unique_ptr<ServerProcess>> servers;
    return servers;
  }
};

}  // namespace clientele::testing

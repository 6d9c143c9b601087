#include "harness.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <regex>

extern char** environ;

#include "db/database.hpp"

namespace clientele::testing {

nlohmann::json HttpResult::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

namespace {

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t Header(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

// Spawns the binary with pipes for stdin and stdout.
pid_t Spawn(const std::vector<std::string>& args, int* in_fd, int* out_fd) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> full{CLIENTELE_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, CLIENTELE_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    return -1;
  }
  *in_fd = in[1];
  *out_fd = out[0];
  return pid;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const std::string& input, std::string* out) {
  int in_fd, out_fd;
  pid_t pid = Spawn(args, &in_fd, &out_fd);
  if (pid < 0) return -1;
  if (!input.empty()) (void)!write(in_fd, input.data(), input.size());
  close(in_fd);
  char buf[4096];
  ssize_t n;
  while ((n = read(out_fd, buf, sizeof buf)) > 0) out->append(buf, n);
  close(out_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::ServerProcess(std::string db_url, std::vector<std::string> serve_args)
    : db_url_(std::move(db_url)) {
  std::string out;
  // The documented forms: options of the whole program after the subcommand.
  int rc = RunCli({"admin", "create", "--db", db_url_, "--email", "owner@example.com", "--name",
                   "Owner", "--role", "owner"},
                  "correct horse battery staple\n", &out);
  EXPECT_EQ(rc, 0) << out;
  out.clear();
  rc = RunCli(
      {"token", "create", "--db", db_url_, "--admin", "owner@example.com", "--name", "api tests"},
      "", &out);
  EXPECT_EQ(rc, 0) << out;
  token_ = out.substr(0, out.find('\n'));
  Start(serve_args);
}

std::unique_ptr<ServerProcess> ServerProcess::SecondNode(
    const std::vector<std::string>& serve_args) const {
  std::unique_ptr<ServerProcess> node(new ServerProcess());
  node->db_url_ = db_url_;
  node->token_ = token_;
  node->Start(serve_args);
  return node;
}

void ServerProcess::Start(const std::vector<std::string>& serve_args) {
  std::vector<std::string> args = {"serve", "--db",     db_url_,      "--log-level",
                                   "warn",  "--listen", "127.0.0.1:0"};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  int in_fd, out_fd;
  pid_ = Spawn(args, &in_fd, &out_fd);
  EXPECT_GT(pid_, 0);
  close(in_fd);
  std::string line;
  char ch;
  while (read(out_fd, &ch, 1) == 1 && ch != '\n') line.push_back(ch);
  close(out_fd);
  // "listening on http://127.0.0.1:PORT/"
  auto colon = line.rfind(':');
  EXPECT_NE(colon, std::string::npos) << "server said: " << line;
  if (colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

HttpResult HttpGet(const std::string& url) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  CURLcode rc = curl_easy_perform(curl);
  EXPECT_EQ(rc, CURLE_OK) << "GET " << url << ": " << curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_cleanup(curl);
  return result;
}

HttpResult ServerProcess::Call(const std::string& method, const std::string& path,
                               const std::string& body,
                               const std::vector<std::string>& headers) const {
  HttpResult result;
  CURL* curl = curl_easy_init();
  std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, Header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  if (!body.empty() || method == "POST" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  CURLcode rc = curl_easy_perform(curl);
  EXPECT_EQ(rc, CURLE_OK) << method << " " << path << ": " << curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return result;
}

HttpResult ServerProcess::WithToken(const std::string& token, const std::string& method,
                                    const std::string& path, const nlohmann::json& body) const {
  std::vector<std::string> headers{"Authorization: Bearer " + token};
  if (!body.is_null()) headers.push_back("Content-Type: application/json");
  return Call(method, path, body.is_null() ? "" : body.dump(), headers);
}

HttpResult ServerProcess::SignIn(const std::string& email, const std::string& password,
                                 const std::string& totp_code) const {
  nlohmann::json body = {{"email", email}, {"password", password}};
  if (!totp_code.empty()) body["totp_code"] = totp_code;
  return Call("POST", "/api/admin/session", body.dump(), {"Content-Type: application/json"});
}

BrowserSession ServerProcess::SignedIn(const std::string& email, const std::string& password,
                                       const std::string& totp_code) const {
  HttpResult r = SignIn(email, password, totp_code);
  EXPECT_EQ(r.status, 200) << r.body;
  BrowserSession session;
  const std::string& set_cookie = r.headers["set-cookie"];
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto json = r.json();
  if (json.is_object() && json["csrf_token"].is_string()) session.csrf = json["csrf_token"];
  return session;
}

HttpResult ServerProcess::AsBrowser(const BrowserSession& session, const std::string& method,
                                    const std::string& path, const nlohmann::json& body,
                                    std::vector<std::string> headers, bool with_csrf) const {
  headers.push_back("Cookie: " + session.cookie);
  headers.push_back("Content-Type: application/json");
  if (with_csrf) headers.push_back("X-CSRF-Token: " + session.csrf);
  return Call(method, path, body.is_null() ? "" : body.dump(), headers);
}

std::string RawExchange(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 10000) > 0) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  return answer;
}

HttpResult ServerProcess::Admin(const std::string& method, const std::string& path,
                                const nlohmann::json& body,
                                std::vector<std::string> headers) const {
  headers.push_back("Authorization: Bearer " + token_);
  if (!body.is_null()) headers.push_back("Content-Type: application/json");
  return Call(method, path, body.is_null() ? "" : body.dump(), headers);
}

std::string ServerProcess::LinkToken(const std::string& template_key, const std::string& to) const {
  // Read from the database, as a mail server would receive it: the admin API hides one-time
  // secrets in the messages it shows.
  auto db = db::Open(db_url_);
  EXPECT_TRUE(db.ok()) << db.error().message;
  if (!db.ok()) return "";
  auto rows = (*db)->Read([&](db::Connection& c) {
    return c.Query(
        "SELECT body_text FROM messages WHERE template = $1 AND to_address = $2"
        " ORDER BY id DESC LIMIT 1",
        {template_key, to});
  });
  if (!rows.ok() || rows->empty()) return "";
  std::smatch match;
  const std::string body = rows->at(0).Text(0);
  return std::regex_search(body, match, std::regex("token=([a-z0-9]+)")) ? match[1].str() : "";
}

nlohmann::json WaitForJob(const ServerProcess& server, const std::string& id,
                          const std::function<bool(const nlohmann::json&)>& done, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  nlohmann::json job;
  while (std::chrono::steady_clock::now() < deadline) {
    job = server.Admin("GET", "/api/admin/jobs/" + id).json();
    if (done(job)) return job;
    ::poll(nullptr, 0, 20);
  }
  ADD_FAILURE() << "job " << id << " did not get there in " << seconds << " s: " << job.dump();
  return job;
}

}  // namespace clientele::testing

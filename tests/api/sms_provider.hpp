// A local HTTP receiver that plays the store's SMS provider in API tests: it takes the signed
// POSTs the server sends, checks their signature, keeps what arrived, and can be told to refuse
// the next requests with a status of the test's choosing.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "mail/sms.hpp"

namespace clientele::testing {

struct ReceivedSms {
  std::string to, text, message_id;
  bool signature_ok = false;
};

class SmsProvider {
 public:
  explicit SmsProvider(std::string secret) : secret_(std::move(secret)) {
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    server_ = std::make_unique<http::Server>(options, [this](http::Request& r) { return Take(r); });
    EXPECT_TRUE(server_->Listen().ok());
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~SmsProvider() {
    server_->Stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()) + "/sms"; }
  // The next requests answer these statuses (then 200 again).
  void RefuseNext(std::vector<int> statuses) {
    std::lock_guard lock(mutex_);
    refusals_.assign(statuses.begin(), statuses.end());
  }
  // Waits (at most 10 s) until `count` SMS were accepted; returns them.
  std::vector<ReceivedSms> WaitFor(size_t count) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return accepted_.size() >= count; });
    return accepted_;
  }
  int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  http::Response Take(http::Request& r) {
    const std::string timestamp = r.headers.Get("x-clientele-timestamp").value_or("");
    const std::string signature = r.headers.Get("x-clientele-signature").value_or("");
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    std::lock_guard lock(mutex_);
    ++requests_;
    if (!refusals_.empty()) {
      int status = refusals_.front();
      refusals_.pop_front();
      return http::Response::Text(status, "refused for the test");
    }
    ReceivedSms sms;
    if (body.is_object()) {
      sms.to = body.value("to", "");
      sms.text = body.value("text", "");
      sms.message_id = body.value("message_id", "");
    }
    sms.signature_ok = signature == mail::SmsSignature(secret_, timestamp, r.body);
    accepted_.push_back(sms);
    arrived_.notify_all();
    return sms.signature_ok ? http::Response::Text(200, "ok")
                            : http::Response::Text(401, "bad signature");
  }

  std::string secret_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<int> refusals_;
  std::vector<ReceivedSms> accepted_;
  int requests_ = 0;
};

}  // namespace clientele::testing

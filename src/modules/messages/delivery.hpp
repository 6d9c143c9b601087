// The background sender: takes due messages from the outbox, hands each to the transport of
// its channel (SMTP for e-mail, the SMS provider for SMS) and records each outcome. Any number of
// server nodes may run one against the same database; claiming gives each message to one sender at
// a time. A message is marked sent only after the SMTP server accepted it, so a crash in between
// means one more delivery with the same Message-ID, never a lost message.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "mail/smtp.hpp"
#include "modules/messages/service.hpp"

namespace clientele::messages {

struct DeliveryOptions {
  int batch = 20;
  int poll_milliseconds = 1000;
  int64_t hold_seconds = 120;  // longer than one SMTP conversation may last
};

class Delivery {
 public:
  using Transports = std::map<Channel, std::unique_ptr<mail::Transport>>;
  // Claims only messages of the channels it has a ready transport for.
  Delivery(Service& service, Transports transports, DeliveryOptions options = {});
  // E-mail only.
  Delivery(Service& service, std::unique_ptr<mail::Transport> email, DeliveryOptions options = {});
  ~Delivery();

  // Runs the sender on its own thread until Stop().
  void Start();
  // Lets the message being sent finish, then stops. Idempotent.
  void Stop();
  // Looks at the outbox now rather than at the next poll.
  void Wake();

  // Claims one batch of due messages and delivers them; returns how many were attempted.
  int RunOnce();

 private:
  void Loop();

  Service& service_;
  Transports transports_;
  DeliveryOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, woken_ = false;
  std::thread thread_;
};

}  // namespace clientele::messages

#include "modules/messages/delivery.hpp"

#include <spdlog/spdlog.h>

#include <vector>

namespace clientele::messages {

namespace {

Delivery::Transports EmailOnly(std::unique_ptr<mail::Transport> email) {
  Delivery::Transports out;
  out[Channel::kEmail] = std::move(email);
  return out;
}

}  // namespace

Delivery::Delivery(Service& service, Transports transports, DeliveryOptions options)
    : service_(service), transports_(std::move(transports)), options_(options) {}

Delivery::Delivery(Service& service, std::unique_ptr<mail::Transport> email,
                   DeliveryOptions options)
    : Delivery(service, EmailOnly(std::move(email)), options) {}

Delivery::~Delivery() { Stop(); }

void Delivery::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Delivery::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Delivery::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

int Delivery::RunOnce() {
  // A channel whose transport cannot send now (no mail server set up yet) keeps its messages
  // queued rather than spending their attempts.
  std::vector<Channel> channels;
  for (const auto& [channel, transport] : transports_) {
    if (transport->ready()) channels.push_back(channel);
  }
  if (channels.empty()) return 0;
  auto claimed = service_.ClaimDue(options_.batch, options_.hold_seconds, channels);
  if (!claimed.ok()) {
    spdlog::warn("event=mail_claim_failed error=\"{}\"", claimed.error().message);
    return 0;
  }
  for (const Message& m : *claimed) {
    mail::OutgoingMail out{m.to_address, m.to_name,    m.subject,   m.body_text,
                           m.body_html,  m.message_id, m.created_at};
    mail::SendOutcome outcome = transports_.at(m.channel)->Send(out);
    Status recorded = outcome.sent ? service_.RecordSent(m)
                                   : service_.RecordFailure(m, outcome.error, outcome.permanent);
    if (outcome.sent) {
      spdlog::info("event=mail_sent channel={} message={} attempt={}", ToString(m.channel),
                   m.public_id, m.attempts);
    } else {
      spdlog::warn("event=mail_failed channel={} message={} attempt={} permanent={} error=\"{}\"",
                   ToString(m.channel), m.public_id, m.attempts, outcome.permanent, outcome.error);
    }
    if (!recorded.ok()) {
      spdlog::error("event=mail_record_failed message={} error=\"{}\"", m.public_id,
                    recorded.error().message);
    }
  }
  return static_cast<int>(claimed->size());
}

void Delivery::Loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      woken_ = false;
    }
    const int handled = RunOnce();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    // A full batch means more may be due: go on at once.
    if (handled >= options_.batch) continue;
    wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_milliseconds),
                   [this] { return stopping_ || woken_; });
  }
}

}  // namespace clientele::messages

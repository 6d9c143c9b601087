#include "mail/smtp_switch.hpp"

#include <spdlog/spdlog.h>

namespace clientele::mail {

SmtpSwitch::SmtpSwitch(SmtpConfig fixed, Loader load, std::chrono::seconds refresh)
    : fixed_(std::move(fixed)), load_(std::move(load)), refresh_(refresh) {}

std::optional<SmtpConfig> SmtpSwitch::Load() {
  // Read without the lock, so a slow database holds up only this caller; meanwhile the others
  // keep using what is in force.
  auto loaded = load_();
  std::lock_guard lock(mutex_);
  if (!loaded.ok()) {
    // Keep what was in force: a database hiccup should not stop sending.
    spdlog::warn("event=email_settings_unreadable what={}", loaded.error().message);
  } else {
    current_ = std::move(*loaded);
  }
  return current_;
}

std::optional<SmtpConfig> SmtpSwitch::Current() {
  if (fixed()) return fixed_;
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (loaded_ && now - loaded_at_ < refresh_) return current_;
    if (loading_) return current_;  // another caller is reading the settings
    loaded_at_ = now;
    loaded_ = loading_ = true;
  }
  auto config = Load();
  std::lock_guard lock(mutex_);
  loading_ = false;
  return config;
}

void SmtpSwitch::Reload() {
  if (fixed()) return;
  Load();
  std::lock_guard lock(mutex_);
  loaded_at_ = std::chrono::steady_clock::now();
  loaded_ = true;
}

SendOutcome SwitchedSmtpTransport::Send(const OutgoingMail& mail) {
  auto config = smtp_.Current();
  if (!config) return {false, false, "No mail server is set up."};
  return SmtpTransport(*config).Send(mail);
}

}  // namespace clientele::mail

#include "mail/smtp_switch.hpp"

#include <spdlog/spdlog.h>

namespace clientele::mail {

SmtpSwitch::SmtpSwitch(SmtpConfig fixed, Loader load, std::chrono::seconds refresh)
    : fixed_(std::move(fixed)), load_(std::move(load)), refresh_(refresh) {}

void SmtpSwitch::LoadLocked() {
  loaded_at_ = std::chrono::steady_clock::now();
  loaded_ = true;
  auto loaded = load_();
  if (!loaded.ok()) {
    // Keep what was in force: a database hiccup should not stop sending.
    spdlog::warn("event=email_settings_unreadable what={}", loaded.error().message);
    return;
  }
  current_ = std::move(*loaded);
}

std::optional<SmtpConfig> SmtpSwitch::Current() {
  if (fixed()) return fixed_;
  std::lock_guard lock(mutex_);
  if (!loaded_ || std::chrono::steady_clock::now() - loaded_at_ >= refresh_) LoadLocked();
  return current_;
}

void SmtpSwitch::Reload() {
  if (fixed()) return;
  std::lock_guard lock(mutex_);
  LoadLocked();
}

SendOutcome SwitchedSmtpTransport::Send(const OutgoingMail& mail) {
  auto config = smtp_.Current();
  if (!config) return {false, false, "No mail server is set up."};
  return SmtpTransport(*config).Send(mail);
}

}  // namespace clientele::mail

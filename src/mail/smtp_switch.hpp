// The SMTP server in force, changeable while the server runs: either fixed by the command line
// (which always wins) or loaded from the store's saved e-mail settings, re-read when they are
// saved here and at least every `refresh` otherwise (so every node of a store follows a change
// made on another). Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

#include "core/result.hpp"
#include "mail/smtp.hpp"

namespace clientele::mail {

class SmtpSwitch {
 public:
  // The saved settings: nullopt when none are set up.
  using Loader = std::function<Result<std::optional<SmtpConfig>>()>;

  // `fixed` configured: it is used and `load` never called.
  SmtpSwitch(SmtpConfig fixed, Loader load,
             std::chrono::seconds refresh = std::chrono::seconds(15));

  // The configuration to send with now, if any.
  std::optional<SmtpConfig> Current();
  // Reads the saved settings again at once (after they were saved).
  void Reload();
  // Whether the command line fixed the server (saved settings then wait).
  bool fixed() const { return fixed_.configured(); }

 private:
  std::optional<SmtpConfig> Load();

  const SmtpConfig fixed_;
  const Loader load_;
  const std::chrono::seconds refresh_;
  std::mutex mutex_;
  std::optional<SmtpConfig> current_;
  std::chrono::steady_clock::time_point loaded_at_{};
  bool loaded_ = false;
  bool loading_ = false;
};

// The e-mail transport of the outbox: sends through whatever the switch holds at that moment;
// not ready while it holds nothing, so the outbox keeps e-mails queued instead of failing them.
class SwitchedSmtpTransport : public Transport {
 public:
  explicit SwitchedSmtpTransport(SmtpSwitch& smtp) : smtp_(smtp) {}
  bool ready() override { return smtp_.Current().has_value(); }
  SendOutcome Send(const OutgoingMail& mail) override;

 private:
  SmtpSwitch& smtp_;
};

}  // namespace clientele::mail

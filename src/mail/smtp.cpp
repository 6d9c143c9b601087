#include "mail/smtp.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <ctime>
#include <memory>
#include <mutex>

namespace clientele::mail {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80) return false;
  }
  return true;
}

std::string WithoutLineBreaks(std::string_view s) {
  std::string out;
  for (char ch : s) out += (ch == '\r' || ch == '\n') ? ' ' : ch;
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};

void AddPart(curl_mime* mime, const std::string& body, const char* type) {
  curl_mimepart* part = curl_mime_addpart(mime);
  curl_mime_data(part, body.data(), body.size());
  curl_mime_type(part, type);
  curl_mime_encoder(part, "quoted-printable");
}

}  // namespace

bool ParseTls(std::string_view text, Tls* out) {
  if (text == "none")
    *out = Tls::kNone;
  else if (text == "starttls")
    *out = Tls::kStartTls;
  else if (text == "tls")
    *out = Tls::kTls;
  else
    return false;
  return true;
}

std::string DescribeServer(const SmtpConfig& c) {
  const char* tls = c.tls == Tls::kTls        ? "tls"
                    : c.tls == Tls::kStartTls ? "starttls"
                                              : "no encryption";
  return c.host + ":" + std::to_string(c.port) + " (" + tls + ")";
}

std::string EncodeHeaderText(std::string_view raw) {
  const std::string text = WithoutLineBreaks(raw);
  if (IsAscii(text)) return text;
  // Encoded words of at most 45 bytes of text each (60 base64 characters), cut between
  // characters, on folded lines so no line grows past the limit.
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string FormatMailbox(std::string_view name, std::string_view address) {
  const std::string addr = '<' + WithoutLineBreaks(address) + '>';
  if (name.empty()) return addr;
  if (!IsAscii(name)) return EncodeHeaderText(name) + " " + addr;
  std::string quoted = "\"";
  for (char ch : WithoutLineBreaks(name)) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\" " + addr;
}

std::string FormatMailDate(int64_t micros) {
  std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

SmtpTransport::SmtpTransport(SmtpConfig config) : config_(std::move(config)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SendOutcome SmtpTransport::Send(const OutgoingMail& mail) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {false, false, "could not start an SMTP client"};
  CURL* c = curl.get();
  const std::string scheme = config_.tls == Tls::kTls ? "smtps://" : "smtp://";
  const std::string url = scheme + config_.host + ":" + std::to_string(config_.port);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_seconds));
  if (config_.tls == Tls::kStartTls) curl_easy_setopt(c, CURLOPT_USE_SSL, CURLUSESSL_ALL);
  if (!config_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  const std::string from = "<" + config_.from_address + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(
      curl_slist_append(nullptr, ('<' + WithoutLineBreaks(mail.to_address) + '>').c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());

  curl_slist* headers = nullptr;
  for (const std::string& h : {"Date: " + FormatMailDate(mail.date_micros),
                               "From: " + FormatMailbox(config_.from_name, config_.from_address),
                               "To: " + FormatMailbox(mail.to_name, mail.to_address),
                               "Message-ID: <" + WithoutLineBreaks(mail.message_id) + ">",
                               "Subject: " + EncodeHeaderText(mail.subject)}) {
    headers = curl_slist_append(headers, h.c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> header_list(headers);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

  std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
  if (mail.html.empty()) {
    AddPart(mime.get(), mail.text, "text/plain; charset=utf-8");
  } else {
    curl_mime* alternative = curl_mime_init(c);
    AddPart(alternative, mail.text, "text/plain; charset=utf-8");
    AddPart(alternative, mail.html, "text/html; charset=utf-8");
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_subparts(part, alternative);  // `mime` owns it from here
    curl_mime_type(part, "multipart/alternative");
  }
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return {true, false, ""};
  long response = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
  std::string error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
  if (response > 0) error = "SMTP " + std::to_string(response) + ": " + error;
  // A refused recipient or message is final; a refused login is the store's to fix, so the
  // message waits for a retry.
  const bool permanent = response >= 500 && response < 600 && rc != CURLE_LOGIN_DENIED;
  return {false, permanent, error};
}

}  // namespace clientele::mail

#include "flows/transfer/import_row.hpp"

#include <algorithm>
#include <cctype>

#include "core/contact.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace clientele::flows {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

bool IsNumberLike(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789 +-().") == std::string_view::npos;
}

// A spreadsheet's text marker: the apostrophe the export writes before a cell that would run as
// a formula, and the one Shopify writes before ids, phones and postal codes.
std::string WithoutTextMarker(std::string_view cell) {
  if (cell.size() < 2 || cell[0] != '\'') return std::string(cell);
  const std::string_view rest = cell.substr(1);
  if (std::string_view("=+-@\t\r").find(rest[0]) != std::string_view::npos || IsNumberLike(rest)) {
    return std::string(rest);
  }
  return std::string(cell);
}

bool EndsWith(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// Targets of codes, never of text that may start with an apostrophe.
bool TakesCodes(std::string_view target) {
  return target == "id" || EndsWith(target, "phone") || EndsWith(target, "postal_code");
}

// Where an address field of each prefix goes: billing_ and shipping_ are the defaults of
// Clientele's export, address_ the one address of the other platforms' files.
struct AddressSlot {
  const char* prefix;
  bool billing, shipping;
};
constexpr AddressSlot kSlots[] = {
    {"billing_", true, false}, {"shipping_", false, true}, {"address_", false, false}};

std::optional<std::string>* AddressField(addresses::Patch& p, std::string_view field) {
  if (field == "first_name") return &p.first_name;
  if (field == "last_name") return &p.last_name;
  if (field == "company") return &p.company;
  if (field == "line1") return &p.line1;
  if (field == "line2") return &p.line2;
  if (field == "city") return &p.city;
  if (field == "region") return &p.region;
  if (field == "region_code") return &p.region_code;
  if (field == "postal_code") return &p.postal_code;
  if (field == "country") return &p.country;
  if (field == "phone") return &p.phone;
  return nullptr;
}

std::optional<std::string>* CustomerField(customers::Patch& p, std::string_view target) {
  if (target == "first_name") return &p.first_name;
  if (target == "last_name") return &p.last_name;
  if (target == "email") return &p.email;
  if (target == "phone") return &p.phone;
  if (target == "company") return &p.company;
  if (target == "country") return &p.country;
  if (target == "language") return &p.language;
  if (target == "note") return &p.note;
  return nullptr;
}

std::optional<bool>* CustomerFlag(customers::Patch& p, std::string_view target) {
  if (target == "consent_email") return &p.consent_email;
  if (target == "consent_sms") return &p.consent_sms;
  if (target == "consent_messenger") return &p.consent_messenger;
  return nullptr;
}

// An address is there when it says where: a street, a city or a postal code.
bool Locates(const addresses::Patch& p) { return p.line1 || p.line2 || p.city || p.postal_code; }

struct Reading {
  ImportRow row;
  addresses::Patch slots[3];
  std::map<std::string, size_t> slot_columns[3];
  std::optional<std::string> name;
  size_t name_column = 0, phone_column = 0;
  bool customer_cells = false;

  void Fail(size_t column, std::string message) {
    row.errors.push_back({column, std::move(message)});
  }
  void Read(size_t column, const std::string& target, std::string value);
  void Finish();
};

void Reading::Read(size_t column, const std::string& target, std::string value) {
  for (size_t s = 0; s < 3; ++s) {
    const std::string prefix = kSlots[s].prefix;
    if (target.rfind(prefix, 0) != 0) continue;
    const std::string field = target.substr(prefix.size());
    addresses::Patch& p = slots[s];
    if (field == "default_billing" || field == "default_shipping") {
      std::optional<bool> flag = value.empty() ? false : ParseYesNo(value);
      if (!flag) return Fail(column, "Write yes or no.");
      (field == "default_billing" ? p.default_billing : p.default_shipping) = *flag;
      slot_columns[s][field] = column;
      return;
    }
    if (value.empty()) return;
    if (field == "street") {
      // Several lines in one cell: the first is line 1, the rest line 2.
      const size_t newline = value.find('\n');
      p.line1 = Trim(value.substr(0, newline));
      if (newline != std::string::npos) {
        std::string rest = Trim(value.substr(newline + 1));
        std::replace(rest.begin(), rest.end(), '\n', ' ');
        if (!rest.empty()) p.line2 = rest;
      }
      slot_columns[s]["line1"] = slot_columns[s]["line2"] = column;
      return;
    }
    if (std::optional<std::string>* f = AddressField(p, field)) {
      *f = value;
      slot_columns[s][field] = column;
    }
    return;
  }
  if (value.empty()) return;
  customer_cells = true;
  row.columns[target] = column;
  if (std::optional<std::string>* f = CustomerField(row.fields, target)) {
    *f = value;
    if (target == "phone") phone_column = column;
  } else if (std::optional<bool>* flag = CustomerFlag(row.fields, target)) {
    *flag = ParseYesNo(value);
    if (!*flag) Fail(column, "Write yes or no.");
  } else if (target == "name") {
    name = value;
    name_column = column;
  } else if (target == "id") {
    if (value.rfind("cus_", 0) != 0 || value.size() > 64) {
      Fail(column, "Not an id of Clientele (they start with cus_).");
    } else {
      row.id = value;
    }
  } else if (target == "group") {
    row.group = value;
  } else if (target == "tags") {
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string tag = Trim(std::string_view(value).substr(start, comma - start));
      if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) {
        tags.push_back(tag);
      }
      start = comma + 1;
    }
    row.fields.tags = tags;
  } else if (target == "status") {
    const std::string s = Lower(value);
    row.status = customers::ParseStatus(s);
    if (!row.status) Fail(column, "Write active or inactive.");
  } else if (target == "kind") {
    row.kind = customers::ParseKind(Lower(value));
    if (!row.kind) Fail(column, "Write registered or guest.");
  } else if (target == "registered_at") {
    row.registered_at = ParseImportDate(value);
    if (!row.registered_at) Fail(column, "Write a date as 2026-11-23 or 2026-11-23 10:54:12.");
  } else if (target.rfind("custom_fields.", 0) == 0) {
    if (!row.fields.custom_fields) row.fields.custom_fields.emplace();
    (*row.fields.custom_fields)[target.substr(14)] = value;
  }
}

void Reading::Finish() {
  if (name && !row.fields.first_name && !row.fields.last_name) {
    const std::string whole = Trim(*name);
    const size_t space = whole.find_last_of(' ');
    if (space == std::string::npos) {
      row.fields.first_name = whole;
    } else {
      row.fields.first_name = Trim(whole.substr(0, space));
      row.fields.last_name = whole.substr(space + 1);
    }
    row.columns["first_name"] = row.columns["last_name"] = name_column;
  }
  // Billing and shipping the same: one address that is both.
  if (Locates(slots[0]) && Locates(slots[1])) {
    addresses::Patch a = slots[0], b = slots[1];
    a.default_billing = a.default_shipping = b.default_billing = b.default_shipping = {};
    if (a.first_name == b.first_name && a.last_name == b.last_name && a.company == b.company &&
        a.line1 == b.line1 && a.line2 == b.line2 && a.city == b.city && a.region == b.region &&
        a.postal_code == b.postal_code && a.country == b.country && a.phone == b.phone) {
      slots[1] = {};
      slots[0].default_shipping = true;
    }
  }
  const std::optional<std::string>& country = row.fields.country;
  for (size_t s = 0; s < 3; ++s) {
    addresses::Patch& p = slots[s];
    if (!Locates(p)) continue;
    if (kSlots[s].billing) p.default_billing = true;
    if (kSlots[s].shipping) p.default_shipping = true;
    if (!p.country && country) p.country = country;
    row.addresses.push_back({p, slot_columns[s]});
  }
  // A national phone number is read with the customer's country, or the address's.
  if (row.fields.phone) {
    std::string with = country ? *country : "";
    if (with.empty() && !row.addresses.empty() && row.addresses[0].patch.country) {
      with = *row.addresses[0].patch.country;
    }
    Result<std::string> phone = ParsePhone(*row.fields.phone, Trim(with));
    if (phone.ok()) {
      row.fields.phone = *phone;
    } else {
      Fail(phone_column,
           phone.error().fields.empty() ? phone.error().message : phone.error().fields[0].message);
      row.fields.phone.reset();
    }
  }
  row.continuation = !customer_cells && !row.addresses.empty();
  row.blank = !customer_cells && row.addresses.empty() && row.errors.empty();
}

}  // namespace

std::optional<bool> ParseYesNo(std::string_view text) {
  const std::string s = Lower(Trim(text));
  if (s == "yes" || s == "true" || s == "1" || s == "y") return true;
  if (s == "no" || s == "false" || s == "0" || s == "n") return false;
  return std::nullopt;
}

std::optional<int64_t> ParseImportDate(std::string_view text) {
  std::string s = Trim(text);
  if (s.size() >= 16 && s[10] == ' ') {
    s[10] = 'T';
    if (s.find_first_of("Z+", 16) == std::string::npos && s.find('-', 16) == std::string::npos) {
      s += 'Z';
    }
  }
  Result<int64_t> at = ParseInstant(s, "registered_at");
  if (!at.ok()) return std::nullopt;
  return *at;
}

std::string ImportCell(std::string_view cell) { return Trim(WithoutTextMarker(cell)); }

std::string MatchKey(const std::vector<std::string>& targets, const std::vector<std::string>& cells,
                     bool by_id) {
  const std::string wanted = by_id ? "id" : "email";
  for (size_t i = 0; i < targets.size() && i < cells.size(); ++i) {
    if (targets[i] != wanted) continue;
    const std::string value = ImportCell(cells[i]);
    if (by_id) return value.rfind("cus_", 0) == 0 && value.size() <= 64 ? value : "";
    Result<Email> email = ParseEmail(value);
    return email.ok() ? email->key : "";
  }
  return "";
}

ImportRow ReadImportRow(const std::vector<std::string>& targets,
                        const std::vector<std::string>& cells) {
  Reading reading;
  for (size_t i = 0; i < targets.size() && i < cells.size(); ++i) {
    if (targets[i].empty()) continue;
    std::string value = ImportCell(cells[i]);
    // Shopify writes an apostrophe before every id, phone and postal code ("'SW1A 1AA").
    if (!value.empty() && value[0] == '\'' && TakesCodes(targets[i])) {
      value = Trim(std::string_view(value).substr(1));
    }
    reading.Read(i, targets[i], std::move(value));
  }
  reading.Finish();
  return std::move(reading.row);
}

}  // namespace clientele::flows

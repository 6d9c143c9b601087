#include "flows/transfer/columns.hpp"

#include "core/money.hpp"
#include "core/time.hpp"

namespace clientele::flows {
namespace {

using addresses::Address;
using addresses::CustomerDefaults;
using customers::Customer;

// A decimal in major units without the code ("1234.50"), the way spreadsheets read numbers.
std::string Amount(int64_t minor, const std::string& currency) {
  std::string text = FormatMoney(minor, currency.empty() ? "EUR" : currency);
  return text.substr(0, text.rfind(' '));
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

const Address* Billing(const CustomerDefaults* d) {
  return d && d->billing ? &*d->billing : nullptr;
}
// The shipping address in effect: the billing one when the customer ships there.
const Address* Shipping(const CustomerDefaults* d) {
  if (!d) return nullptr;
  if (d->shipping) return &*d->shipping;
  return d->shipping_same_as_billing && d->billing ? &*d->billing : nullptr;
}

using Cell = std::string (*)(const Customer&, const CustomerDefaults*, const ExportContext&);

template <std::string Customer::*Field>
std::string Text(const Customer& c, const CustomerDefaults*, const ExportContext&) {
  return c.*Field;
}
// To the second: what a person reads and a spreadsheet parses.
std::string Second(int64_t micros) { return FormatInstant(micros - micros % 1000000); }

template <std::optional<int64_t> Customer::*Field>
std::string When(const Customer& c, const CustomerDefaults*, const ExportContext&) {
  return c.*Field ? Second(*(c.*Field)) : "";
}
template <bool Customer::*Field>
std::string YesNo(const Customer& c, const CustomerDefaults*, const ExportContext&) {
  return c.*Field ? "yes" : "no";
}
// A field of the default billing or shipping address (`Which`), empty without one.
template <const Address* (*Which)(const CustomerDefaults*), std::string Address::*Field>
std::string AddressText(const Customer&, const CustomerDefaults* d, const ExportContext&) {
  const Address* a = Which(d);
  return a ? a->*Field : "";
}
// The whole address as it is written in its country, one line per line.
template <const Address* (*Which)(const CustomerDefaults*)>
std::string AddressLines(const Customer&, const CustomerDefaults* d, const ExportContext&) {
  const Address* a = Which(d);
  return a ? Join(addresses::FormatForDisplay(*a), "\n") : "";
}

template <const Address* (*Which)(const CustomerDefaults*)>
void AddAddressColumns(std::vector<ExportColumn>& out, const char* prefix, const char* label) {
  auto column = [&](const char* key, const char* what, bool on, Cell cell) {
    out.push_back({std::string(prefix) + "_" + key, std::string(label) + " " + what, on, cell});
  };
  column("address", "address", true, &AddressLines<Which>);
  column("first_name", "first name", false, &AddressText<Which, &Address::first_name>);
  column("last_name", "last name", false, &AddressText<Which, &Address::last_name>);
  column("company", "company", false, &AddressText<Which, &Address::company>);
  column("line1", "address line 1", false, &AddressText<Which, &Address::line1>);
  column("line2", "address line 2", false, &AddressText<Which, &Address::line2>);
  column("city", "city", false, &AddressText<Which, &Address::city>);
  column("region", "region", false, &AddressText<Which, &Address::region>);
  column("postal_code", "postal code", false, &AddressText<Which, &Address::postal_code>);
  column("country", "country", false, &AddressText<Which, &Address::country>);
  column("phone", "phone", false, &AddressText<Which, &Address::phone>);
}

std::vector<ExportColumn> MakeColumns() {
  std::vector<ExportColumn> out = {
      {"id", "ID", true, &Text<&Customer::public_id>},
      {"first_name", "First name", true, &Text<&Customer::first_name>},
      {"last_name", "Last name", true, &Text<&Customer::last_name>},
      {"email", "E-mail", true, &Text<&Customer::email>},
      {"phone", "Phone", true, &Text<&Customer::phone>},
      {"company", "Company", false, &Text<&Customer::company>},
      {"country", "Country", true, &Text<&Customer::country>},
      {"language", "Language", false, &Text<&Customer::language>},
      {"group", "Group", true, &Text<&Customer::group_name>},
      {"tags", "Tags", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         return Join(c.tags, ", ");
       }},
      {"status", "Status", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         return std::string(customers::ToString(c.status));
       }},
      {"kind", "Kind", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         return std::string(customers::ToString(c.kind));
       }},
      {"consent_email", "E-mail marketing", true, &YesNo<&Customer::consent_email>},
      {"consent_sms", "SMS marketing", false, &YesNo<&Customer::consent_sms>},
      {"note", "Note", false, &Text<&Customer::note>},
      {"registered_at", "Registered", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         return Second(c.registered_at);
       }},
      {"last_activity_at", "Last activity", false, &When<&Customer::last_activity_at>},
      {"last_login_at", "Last sign-in", false, &When<&Customer::last_login_at>},
      {"orders_count", "Orders", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         return std::to_string(c.orders_count);
       },
       true},
      {"total_spent", "Total spent", true,
       [](const Customer& c, const CustomerDefaults*, const ExportContext& x) {
         return Amount(c.total_spent, x.currency);
       },
       true},
      {"first_order_at", "First order", false, &When<&Customer::first_order_at>},
      {"last_order_at", "Last order", false, &When<&Customer::last_order_at>},
      {"balance", "Store credit", false,
       [](const Customer& c, const CustomerDefaults*, const ExportContext&) {
         std::vector<std::string> parts;
         for (const auto& [currency, amount] : c.balances) {
           parts.push_back(FormatMoney(amount, currency));
         }
         return Join(parts, "; ");
       }},
  };
  AddAddressColumns<&Billing>(out, "billing", "Billing");
  AddAddressColumns<&Shipping>(out, "shipping", "Shipping");
  // Room on a PDF page for what is long: addresses, e-mail, ids and instants.
  for (auto& c : out) {
    const std::string& k = c.key;
    if (k == "billing_address" || k == "shipping_address") {
      c.width = 2.6;
    } else if (k == "email" || k == "note" || k == "id") {
      c.width = 2.2;
    } else if (k.size() > 3 && k.compare(k.size() - 3, 3, "_at") == 0) {
      c.width = 1.7;
    } else if (k == "first_name" || k == "last_name" || k == "tags" || k == "phone") {
      c.width = 1.2;
    } else if (k == "country" || k == "orders_count" || k == "consent_email" ||
               k == "consent_sms" || k == "language") {
      c.width = 0.6;
    } else if (k == "status" || k == "kind" || k == "total_spent") {
      c.width = 0.8;
    }
  }
  return out;
}

}  // namespace

const std::vector<ExportColumn>& ExportColumns() {
  static const std::vector<ExportColumn> columns = MakeColumns();
  return columns;
}

const ExportColumn* FindExportColumn(std::string_view key) {
  for (const auto& c : ExportColumns()) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

}  // namespace clientele::flows

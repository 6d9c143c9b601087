// A segment filter checked against the store: the parse of the filter language (filter.cpp)
// followed by what needs the database — names of groups and tags and product SKUs become ids,
// country and language codes are checked, texts are normalised as the stored keys are.
#include <memory>

#include "core/contact.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "modules/addresses/service.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/groups/service.hpp"
#include "modules/settings/service.hpp"

namespace clientele::customers {

namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// The message for a name nobody has, with the closest known one.
std::string UnknownName(const char* what, const std::string& name, int position,
                        const std::vector<std::string>& known) {
  const std::string guess = ClosestWord(name, known);
  return std::string("unknown ") + what + " " + Quoted(name) + " at " + std::to_string(position) +
         (guess.empty() ? "" : ": did you mean " + Quoted(guess) + "?");
}

// Resolves and normalises the values of one test. Errors: FilterMistake at the value.
Status CheckTest(db::Connection& c, FilterNode& test, const std::string& field,
                 std::optional<std::vector<std::string>>& group_names,
                 std::optional<std::vector<std::string>>& tag_names) {
  for (size_t i = 0; i < test.values.size(); ++i) {
    auto* text = std::get_if<std::string>(&test.values[i]);
    if (!text) continue;
    const int position = test.positions.at(i);
    switch (test.field) {
      case FilterField::kGroup: {
        ASSIGN_OR_RETURN(std::optional<groups::Group> group,
                         groups::Service::FindGroupByName(c, *text));
        if (!group) {
          if (!group_names) {
            ASSIGN_OR_RETURN(group_names, groups::Service::GroupNames(c));
          }
          return FilterMistake(field, position,
                               UnknownName("group", *text, position, *group_names));
        }
        test.values[i] = group->id;
        break;
      }
      case FilterField::kTag: {
        ASSIGN_OR_RETURN(std::optional<groups::Tag> tag, groups::Service::FindTagByName(c, *text));
        if (!tag) {
          if (!tag_names) {
            ASSIGN_OR_RETURN(tag_names, groups::Service::TagNames(c));
          }
          return FilterMistake(field, position, UnknownName("tag", *text, position, *tag_names));
        }
        test.values[i] = tag->id;
        break;
      }
      case FilterField::kBought: {
        ASSIGN_OR_RETURN(std::optional<catalog::Product> product,
                         catalog::Service::FindBySku(c, *text));
        if (!product) {
          return FilterMistake(
              field, position,
              "no product has the SKU " + Quoted(*text) + " (at " + std::to_string(position) + ")");
        }
        test.values[i] = product->id;
        break;
      }
      case FilterField::kCountry:
      case FilterField::kAddressCountry: {
        auto code = ParseCountry(*text, field);
        if (!code.ok()) {
          return FilterMistake(field, position,
                               "unknown country code " + Quoted(*text) + " at " +
                                   std::to_string(position) + ": use two letters such as 'DE'");
        }
        *text = *code;
        break;
      }
      case FilterField::kLanguage: {
        auto code = ParseLanguage(*text, field);
        if (!code.ok()) {
          return FilterMistake(field, position,
                               "unknown language " + Quoted(*text) + " at " +
                                   std::to_string(position) +
                                   ": use a code such as 'en' or 'pt-BR'");
        }
        *text = *code;
        break;
      }
      case FilterField::kEmail:
        *text = LowerAscii(Trim(*text));
        break;
      case FilterField::kName:
        *text = NormalizeForSearch(*text);
        break;
      case FilterField::kCity:
        *text = addresses::Service::CityKeyOf(*text);
        break;
      case FilterField::kPhone: {
        *text = DigitsOnly(*text);
        if (text->empty()) {
          return FilterMistake(field, position,
                               "expected digits of a phone number at " + std::to_string(position));
        }
        break;
      }
      default:
        break;
    }
  }
  return OkStatus();
}

}  // namespace

Result<FilterNode> Service::CompileFilter(db::Connection& c, std::string_view text,
                                          const std::string& field, int64_t now) {
  if (!IsCleanUtf8(text, /*allow_newlines=*/true)) {
    return FilterMistake(field, 1, "the filter is not valid UTF-8 text");
  }
  ASSIGN_OR_RETURN(settings::Settings store, settings::Service::Read(c));
  auto days = std::make_shared<LocalDays>(store.time_zone);
  FilterContext context;
  context.now = now;
  context.currency_digits = CurrencyDigits(store.currency);
  context.midnight = [days](int64_t day) { return days->MidnightOf(day); };
  ASSIGN_OR_RETURN(FilterNode root, ParseFilter(text, context, field));
  std::optional<std::vector<std::string>> group_names, tag_names;
  Status checked = OkStatus();
  ForEachTest(root, [&](FilterNode& test) {
    if (checked.ok()) checked = CheckTest(c, test, field, group_names, tag_names);
  });
  RETURN_IF_ERROR(checked);
  return root;
}

}  // namespace clientele::customers

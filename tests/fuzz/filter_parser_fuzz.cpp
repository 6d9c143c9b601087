// libFuzzer target for the segment filter parser, which reads what store owners type and what
// saved segments hold. Whatever the bytes, parsing ends (no crash, no hang, bounded depth); a
// mistake points inside the text (or just after it); a parsed tree is well formed: each test has
// the values its operator needs, NOT has one child, AND and OR two or more.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "modules/customers/filter.hpp"

namespace {

using clientele::customers::FilterNode;
using clientele::customers::FilterOp;

constexpr int64_t kDay = 86'400'000'000LL;

void Check(const FilterNode& n, int depth, int chars) {
  if (depth > 200) std::abort();
  switch (n.kind) {
    case FilterNode::Kind::kNot:
      if (n.children.size() != 1) std::abort();
      break;
    case FilterNode::Kind::kAnd:
    case FilterNode::Kind::kOr:
      if (n.children.size() < 2) std::abort();
      break;
    case FilterNode::Kind::kTest: {
      const size_t values = n.values.size();
      const bool ok = n.op == FilterOp::kIsNull ? values == 0
                      : n.op == FilterOp::kDay  ? values == 2
                      : n.op == FilterOp::kIn   ? values >= 1 && values <= 100
                                                : values == 1;
      if (!ok || !n.children.empty()) std::abort();
      for (int p : n.positions) {
        if (p < 1 || p > chars + 1) std::abort();
      }
      return;
    }
  }
  for (const auto& child : n.children) Check(child, depth + 1, chars);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  clientele::customers::FilterContext context;
  context.now = 20'794 * kDay;
  context.currency_digits = static_cast<int>(size % 4);
  context.midnight = [](int64_t day) { return day * kDay; };
  int chars = 0;
  for (char ch : text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  auto parsed = clientele::customers::ParseFilter(text, context);
  if (!parsed.ok()) {
    if (parsed.error().fields.size() != 1) std::abort();
    const int p = parsed.error().fields[0].position;
    if (p < 1 || p > chars + 1 || parsed.error().fields[0].message.empty()) std::abort();
    return 0;
  }
  Check(*parsed, 0, chars);
  return 0;
}

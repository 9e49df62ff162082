#include "security/mask.hpp"

#include <algorithm>

#include "common/utf8.hpp"

namespace hejia::security {
namespace {

// Keeps `head` code points at the start and `tail` at the end, one '*' per code point between.
std::string KeepEnds(std::string_view text, std::size_t head, std::size_t tail) {
  const std::size_t total = Utf8CodePointCount(text);
  if (head + tail >= total) return std::string(total, '*');
  const std::size_t head_bytes = Utf8PrefixBytes(text, head);
  const std::size_t tail_start = Utf8PrefixBytes(text, total - tail);
  std::string out(text.substr(0, head_bytes));
  out.append(total - head - tail, '*');
  out.append(text.substr(tail_start));
  return out;
}

bool IsMobile(std::string_view phone) {
  return phone.size() == 11 && phone[0] == '1' &&
         std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string MaskPhone(std::string_view phone) {
  if (IsMobile(phone)) return KeepEnds(phone, 3, 4);
  return KeepEnds(phone, 0, 2);
}

std::string MaskIdNumber(std::string_view id_number) {
  if (Utf8CodePointCount(id_number) >= 15) return KeepEnds(id_number, 6, 2);
  return KeepEnds(id_number, 0, 2);
}

std::string MaskAddress(std::string_view utf8_address) {
  if (utf8_address.empty()) return {};
  const std::size_t total = Utf8CodePointCount(utf8_address);
  const std::size_t keep = total > 6 ? 6 : total / 2;
  std::string out(utf8_address.substr(0, Utf8PrefixBytes(utf8_address, keep)));
  out += "****";
  return out;
}

std::string MaskName(std::string_view utf8_name) {
  const std::size_t total = Utf8CodePointCount(utf8_name);
  if (total <= 1) return std::string(total, '*');
  return KeepEnds(utf8_name, 1, 0);
}

}  // namespace hejia::security

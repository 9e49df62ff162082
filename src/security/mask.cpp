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

std::string MaskBirthDate(std::string_view date) {
  if (date.size() < 4) return std::string(date.size(), '*');
  return std::string(date.substr(0, 4)) + "-**-**";
}

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Masks the runs of 7 or more digits (with an ID number's final X) in `text`.
std::string MaskDigitRuns(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end < text.size() && (text[end] == 'X' || text[end] == 'x') && end - i == 17) ++end;
    const std::string_view run = text.substr(i, end - i);
    out += run.size() >= 7 ? MaskPhone(run) : std::string(run);
    i = end;
  }
  return out;
}

}  // namespace

std::string MaskFreeText(std::string_view utf8_text, std::vector<std::string> names) {
  std::erase_if(names, [](const std::string& n) { return Utf8CodePointCount(n) < 2; });
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  size_t i = 0;
  while (i < utf8_text.size()) {
    const auto name = std::find_if(names.begin(), names.end(), [&](const std::string& n) {
      return utf8_text.substr(i).starts_with(n);
    });
    if (name != names.end()) {
      out += MaskName(*name);
      i += name->size();
      continue;
    }
    // Copy one whole code point (a name never starts inside one).
    const size_t step = std::max<size_t>(1, Utf8PrefixBytes(utf8_text.substr(i), 1));
    out.append(utf8_text.substr(i, step));
    i += step;
  }
  return MaskDigitRuns(out);
}

std::string MaskedExcerpt(std::string_view utf8_text, std::size_t code_points) {
  const std::string masked = MaskFreeText(utf8_text);
  if (Utf8CodePointCount(masked) <= code_points) return masked;
  return masked.substr(0, Utf8PrefixBytes(masked, code_points)) + "…";
}

}  // namespace hejia::security

// A partner whose server calls us (the police 110 system): what its code and its feedback
// callback address may be, checked the same by the console (api/partners_api.cpp) and the
// command line (`hejia partner add`). No I/O.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

inline constexpr std::size_t kPartnerCodeMax = 40, kCallbackUrlMax = 300;

/// 1 to 40 of [A-Za-z0-9_-] (it travels in the X-HeJia-Partner header); the bilingual problem.
std::optional<std::string> PartnerCodeProblem(std::string_view code);
/// An http(s) address without spaces or control characters, or "" for none.
std::optional<std::string> CallbackUrlProblem(std::string_view url);

}  // namespace hejia::domain

// The syllables the demo's help requests and police incidents make their synthetic names of
// (no real person's name): common surnames and given-name characters.
#pragma once
#include <array>

namespace hejia::app::demo_names {

inline constexpr std::array<const char*, 16> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "吴", "周", "徐", "胡", "朱", "应", "程", "吕", "楼"};
inline constexpr std::array<const char*, 12> kWomen = {"丽", "芳", "敏", "静", "霞", "萍",
                                                       "红", "英", "玲", "燕", "琴", "慧"};
inline constexpr std::array<const char*, 12> kMen = {"伟", "强", "军", "杰", "涛", "明",
                                                     "刚", "斌", "勇", "峰", "磊", "超"};

}  // namespace hejia::app::demo_names

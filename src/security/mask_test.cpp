#include "security/mask.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <utility>
#include <vector>

namespace hejia::security {
namespace {

using Cases = std::vector<std::pair<std::string, std::string>>;

// Each masker against its table of (value, what is shown).
void ExpectMasks(const std::function<std::string(std::string_view)>& mask, const Cases& cases) {
  for (const auto& [value, shown] : cases) EXPECT_EQ(mask(value), shown) << value;
}

TEST(Mask, PhonesKeepTheirEndsMobilesMoreOfThem) {
  ExpectMasks(MaskPhone, {{"13812345678", "138****5678"},
                          {"057188886666", "**********66"},
                          {"02112345678", "*********78"},  // 11 digits but a landline
                          {"12", "**"},
                          {"", ""}});
}

TEST(Mask, IdNumberKeepsRegionAndLastTwo) {
  ExpectMasks(MaskIdNumber, {{"330784199001011234", "330784**********34"},
                             {"33078419900101123X", "330784**********3X"},
                             {"330784900101123", "330784*******23"},  // old 15-digit card
                             {"E12345678", "*******78"},              // passport
                             {"", ""}});
}

TEST(Mask, AnAddressKeepsSixCharactersWithoutCuttingOneAndIsNeverShownWhole) {
  ExpectMasks(MaskAddress, {{"浙江省金华市永康市西城街道解放街88号", "浙江省金华市****"},
                            {"Room 5, Lane 3", "Room 5****"},
                            {"杭州市西湖区文三路", "杭州市西湖区****"},
                            {"西湖区文三路", "西湖区****"},
                            {"文三路", "文****"},
                            {"", ""}});
}

TEST(Mask, NameKeepsTheFirstCharacter) {
  ExpectMasks(MaskName, {{"王小明", "王**"},
                         {"欧阳娜娜", "欧***"},
                         {"阿依古丽·买买提", "阿*******"},
                         {"Anna", "A***"},
                         {"王", "*"},
                         {"", ""}});
}

TEST(Mask, ABirthDateKeepsOnlyTheYear) {
  ExpectMasks(MaskBirthDate, {{"1990-01-01", "1990-**-**"}, {"", ""}});
}

TEST(MaskFreeText, MasksEveryNameGivenAndEveryLongDigitRun) {
  EXPECT_EQ(MaskFreeText("王小明与李四家暴纠纷，王小明电话13812345678", {"王小明", "李四"}),
            "王**与李*家暴纠纷，王**电话138****5678");
  ExpectMasks([](std::string_view t) { return MaskFreeText(t); },
              {{"身份证330784199001011234，门牌12号", "身份证****************34，门牌12号"},
               {"证号33078419900101123X", "证号****************3X"},
               {"欠款123456元，座机8888666", "欠款123456元，座机*****66"},
               {"没有名字的标题", "没有名字的标题"}});
}

TEST(MaskFreeText, TriesLongerNamesFirstAndIgnoresOneCharacterNames) {
  EXPECT_EQ(MaskFreeText("王小明和王小", {"王小", "王小明", "王"}), "王**和王*");
}

TEST(MaskedExcerpt, CutsAfterMaskingAndMarksTheCut) {
  EXPECT_EQ(MaskedExcerpt("请回电13812345678，晚上八点后", 9), "请回电138***…");
  EXPECT_EQ(MaskedExcerpt("短问题", 9), "短问题");
}

}  // namespace
}  // namespace hejia::security

#include "security/field_cipher.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "security/tokens.hpp"

namespace hejia::security {
namespace {

Key Filled(std::uint8_t value) {
  Key key;
  key.fill(value);
  return key;
}

std::shared_ptr<const KeyRing> Ring(std::map<std::string, Key> data_keys, std::string current) {
  auto ring = std::make_shared<KeyRing>();
  ring->data_keys = std::move(data_keys);
  ring->current_id = std::move(current);
  ring->index_key = Filled(0xA1);
  ring->audit_key = Filled(0xA2);
  return ring;
}

FieldCipher Cipher() {
  return FieldCipher(Ring({{"k1", Filled(1)}}, "k1"));
}

TEST(FieldCipher, DecryptsWhatItEncrypted) {
  const FieldCipher cipher = Cipher();
  const std::string stored = cipher.Encrypt("13812345678", "person/phone/123");
  EXPECT_TRUE(stored.starts_with("v1.k1.")) << stored;
  EXPECT_EQ(stored.find("13812345678"), std::string::npos);
  EXPECT_EQ(cipher.Decrypt(stored, "person/phone/123"), "13812345678");
  const std::string address = "浙江省金华市永康市西城街道解放街88号";
  EXPECT_EQ(cipher.Decrypt(cipher.Encrypt(address, "person/address/7"), "person/address/7"),
            address);
}

TEST(FieldCipher, SameValueEncryptsDifferentlyEachTime) {
  const FieldCipher cipher = Cipher();
  EXPECT_NE(cipher.Encrypt("13812345678", "person/phone/1"),
            cipher.Encrypt("13812345678", "person/phone/1"));
}

TEST(FieldCipher, CiphertextMovedToAnotherRowDoesNotDecrypt) {
  const FieldCipher cipher = Cipher();
  const std::string stored = cipher.Encrypt("330784199001011234", "person/id_card/123");
  EXPECT_EQ(cipher.Decrypt(stored, "person/id_card/124"), std::nullopt);
  EXPECT_EQ(cipher.Decrypt(stored, "person/phone/123"), std::nullopt);
  EXPECT_EQ(cipher.Decrypt(stored, ""), std::nullopt);
}

TEST(FieldCipher, TamperedCiphertextDoesNotDecrypt) {
  const FieldCipher cipher = Cipher();
  const std::string stored = cipher.Encrypt("secret note", "case/note/9");
  for (std::size_t i = std::string("v1.k1.").size(); i < stored.size(); ++i) {
    std::string tampered = stored;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_EQ(cipher.Decrypt(tampered, "case/note/9"), std::nullopt) << "position " << i;
  }
  EXPECT_EQ(cipher.Decrypt(stored.substr(0, stored.size() - 1), "case/note/9"), std::nullopt);
}

TEST(FieldCipher, MalformedStoredValuesDoNotDecrypt) {
  const FieldCipher cipher = Cipher();
  for (const std::string_view bad :
       {"plain text", "v1.", "v1.k1.", "v1.k1", "v2.k1.AAAA", "v1.k1.!!!!", "v1.k1.AAAA"}) {
    EXPECT_EQ(cipher.Decrypt(bad, "x"), std::nullopt) << bad;
  }
}

TEST(FieldCipher, EmptyValueStaysEmpty) {
  const FieldCipher cipher = Cipher();
  EXPECT_EQ(cipher.Encrypt("", "person/phone/1"), "");
  EXPECT_EQ(cipher.Decrypt("", "person/phone/1"), "");
}

TEST(FieldCipher, OldValuesStillDecryptAfterKeyRotation) {
  const FieldCipher before(Ring({{"k1", Filled(1)}}, "k1"));
  const std::string old_value = before.Encrypt("13812345678", "person/phone/5");

  const FieldCipher after(Ring({{"k1", Filled(1)}, {"k2", Filled(2)}}, "k2"));
  const std::string new_value = after.Encrypt("13812345678", "person/phone/5");
  EXPECT_TRUE(new_value.starts_with("v1.k2."));
  EXPECT_EQ(after.Decrypt(old_value, "person/phone/5"), "13812345678");
  EXPECT_EQ(after.Decrypt(new_value, "person/phone/5"), "13812345678");
  EXPECT_EQ(before.Decrypt(new_value, "person/phone/5"), std::nullopt);  // unknown key id
}

TEST(FieldCipher, KeyIdCannotBeSwappedToAnotherKey) {
  const FieldCipher cipher(Ring({{"k1", Filled(1)}, {"k2", Filled(2)}}, "k2"));
  std::string stored = cipher.Encrypt("value", "t/c/1");
  stored.replace(0, 6, "v1.k1.");
  EXPECT_EQ(cipher.Decrypt(stored, "t/c/1"), std::nullopt);
}

TEST(FieldCipher, BlindIndexIsStableAndSeparatedByKind) {
  const FieldCipher cipher = Cipher();
  const std::string index = cipher.BlindIndex("phone", "13812345678");
  EXPECT_EQ(index.size(), 32u);
  EXPECT_EQ(index.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(index, cipher.BlindIndex("phone", "13812345678"));
  EXPECT_NE(index, cipher.BlindIndex("phone", "13812345679"));
  EXPECT_NE(index, cipher.BlindIndex("id_card", "13812345678"));
  // The separator keeps ("ab", "c") apart from ("a", "bc").
  EXPECT_NE(cipher.BlindIndex("ab", "c"), cipher.BlindIndex("a", "bc"));
  EXPECT_EQ(cipher.BlindIndex("phone", ""), "");
}

TEST(FieldCipher, BlindIndexDependsOnTheIndexKeyOnly) {
  auto other_index = std::make_shared<KeyRing>(*Ring({{"k9", Filled(9)}}, "k9"));
  const FieldCipher same_index_key(other_index);
  EXPECT_EQ(Cipher().BlindIndex("phone", "13812345678"),
            same_index_key.BlindIndex("phone", "13812345678"));
  other_index->index_key = Filled(0xB1);
  EXPECT_NE(Cipher().BlindIndex("phone", "13812345678"),
            FieldCipher(other_index).BlindIndex("phone", "13812345678"));
}

TEST(FieldCipher, RefusesAKeyRingWithoutItsCurrentKey) {
  EXPECT_THROW(FieldCipher(nullptr), std::invalid_argument);
  EXPECT_THROW(FieldCipher(Ring({{"k1", Filled(1)}}, "k2")), std::invalid_argument);
}

}  // namespace
}  // namespace hejia::security

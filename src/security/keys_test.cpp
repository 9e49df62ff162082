#include "security/keys.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "security/tokens.hpp"

namespace hejia::security {
namespace {

std::string KeyB64(std::uint8_t fill) {
  Key key;
  key.fill(fill);
  return Base64Encode(std::span<const std::uint8_t>(key));
}

std::string ValidText() {
  return "# test keys\n"
         "data k1 " +
         KeyB64(1) +
         "\n"
         "data k2 " +
         KeyB64(2) +
         "\n"
         "\n"
         "index " +
         KeyB64(3) +
         "\n"
         "audit " +
         KeyB64(4) + "\n";
}

std::string ErrorOf(const std::variant<KeyRing, std::string>& result) {
  const auto* error = std::get_if<std::string>(&result);
  return error ? *error : std::string();
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "hejia-keys-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteFile(const std::string& name, const std::string& text, mode_t mode) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }

  std::filesystem::path dir_;
};

TEST(KeyFile, LastDataLineIsTheCurrentKey) {
  const auto result = ParseKeyFile(ValidText());
  ASSERT_TRUE(std::holds_alternative<KeyRing>(result)) << ErrorOf(result);
  const KeyRing& ring = std::get<KeyRing>(result);
  EXPECT_EQ(ring.current_id, "k2");
  ASSERT_EQ(ring.data_keys.size(), 2u);
  EXPECT_EQ(ring.data_keys.at("k1")[0], 1);
  EXPECT_EQ(ring.data_keys.at("k2")[31], 2);
  EXPECT_EQ(ring.index_key[0], 3);
  EXPECT_EQ(ring.audit_key[0], 4);
}

TEST(KeyFile, GeneratedTextParses) {
  const std::string text = GenerateKeyFileText();
  const auto result = ParseKeyFile(text);
  ASSERT_TRUE(std::holds_alternative<KeyRing>(result)) << ErrorOf(result);
  const KeyRing& ring = std::get<KeyRing>(result);
  EXPECT_TRUE(IsValidKeyId(ring.current_id));
  EXPECT_NE(text, GenerateKeyFileText());

  // Rotation: appending a generated data line makes it current and keeps the old key.
  const auto rotated = ParseKeyFile(text + GenerateDataKeyLine());
  ASSERT_TRUE(std::holds_alternative<KeyRing>(rotated)) << ErrorOf(rotated);
  EXPECT_EQ(std::get<KeyRing>(rotated).data_keys.size(), 2u);
  EXPECT_NE(std::get<KeyRing>(rotated).current_id, ring.current_id);
}

TEST(KeyFile, ToleratesCrlfAndExtraSpaces) {
  std::string text =
      "data  k1\t" + KeyB64(1) + "\r\nindex " + KeyB64(3) + "  \r\naudit " + KeyB64(4) + "\r\n";
  EXPECT_TRUE(std::holds_alternative<KeyRing>(ParseKeyFile(text))) << ErrorOf(ParseKeyFile(text));
}

TEST(KeyFile, ParseErrorsNameTheLineAndNeverEchoTheKey) {
  const std::string short_key = Base64Encode(std::string_view("only-sixteen-byt"));
  const std::string text =
      "data k1 " + short_key + "\nindex " + KeyB64(3) + "\naudit " + KeyB64(4) + "\n";
  const std::string error = ErrorOf(ParseKeyFile(text));
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
  EXPECT_EQ(error.find(short_key), std::string::npos) << "error echoes key material";

  const std::string unknown = ErrorOf(ParseKeyFile("secret " + KeyB64(9) + "\n" + ValidText()));
  EXPECT_NE(unknown.find("line 1"), std::string::npos);
  EXPECT_EQ(unknown.find(KeyB64(9)), std::string::npos);
}

TEST(KeyFile, RejectsIncompleteOrInconsistentFiles) {
  const std::string data = "data k1 " + KeyB64(1) + "\n";
  const std::string index = "index " + KeyB64(3) + "\n";
  const std::string audit = "audit " + KeyB64(4) + "\n";
  EXPECT_FALSE(ErrorOf(ParseKeyFile("")).empty());
  EXPECT_FALSE(ErrorOf(ParseKeyFile(index + audit)).empty());                 // no data key
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + audit)).empty());                  // no index key
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + index)).empty());                  // no audit key
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + data + index + audit)).empty());   // duplicate id
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + index + index + audit)).empty());  // duplicate index
  EXPECT_FALSE(ErrorOf(ParseKeyFile("data k.1 " + KeyB64(1) + "\n" + index + audit)).empty());
  EXPECT_FALSE(ErrorOf(ParseKeyFile("data k1\n" + index + audit)).empty());
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + "index " + KeyB64(1) + "\n" + audit)).empty());
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + "index " + KeyB64(0) + "\n" + audit)).empty());
  EXPECT_FALSE(ErrorOf(ParseKeyFile(data + "index !!!\n" + audit)).empty());
}

TEST(KeyIds, AreShortAndFreeOfTheCiphertextSeparator) {
  EXPECT_TRUE(IsValidKeyId("k2026-01_a"));
  EXPECT_FALSE(IsValidKeyId(""));
  EXPECT_FALSE(IsValidKeyId("k.1"));
  EXPECT_FALSE(IsValidKeyId("k 1"));
  EXPECT_FALSE(IsValidKeyId(std::string(33, 'k')));
}

TEST(KeyRingPrinting, ShowsIdsButNoKeyBytes) {
  const KeyRing ring = std::get<KeyRing>(ParseKeyFile(ValidText()));
  const std::string printed = ::testing::PrintToString(ring);
  EXPECT_NE(printed.find("k2"), std::string::npos);
  EXPECT_EQ(printed.find("01 01"), std::string::npos) << printed;
}

using KeyFileOnDisk = TempDir;

TEST_F(KeyFileOnDisk, LoadsAFileOfMode0600Or0400) {
  EXPECT_TRUE(std::holds_alternative<KeyRing>(LoadKeyFile(WriteFile("a.keys", ValidText(), 0600))));
  EXPECT_TRUE(std::holds_alternative<KeyRing>(LoadKeyFile(WriteFile("b.keys", ValidText(), 0400))));
}

TEST_F(KeyFileOnDisk, RefusesAFileOthersCanRead) {
  const std::string path = WriteFile("open.keys", ValidText(), 0644);
  const std::string error = ErrorOf(LoadKeyFile(path));
  EXPECT_NE(error.find("0644"), std::string::npos) << error;
  EXPECT_NE(error.find("chmod 600"), std::string::npos) << error;
  EXPECT_FALSE(ErrorOf(LoadKeyFile(WriteFile("group.keys", ValidText(), 0640))).empty());
  EXPECT_FALSE(ErrorOf(LoadKeyFile(WriteFile("exec.keys", ValidText(), 0700))).empty());
}

TEST_F(KeyFileOnDisk, MissingFileIsAnErrorForLoad) {
  EXPECT_FALSE(ErrorOf(LoadKeyFile((dir_ / "absent.keys").string())).empty());
  EXPECT_FALSE(ErrorOf(LoadKeyFile(dir_.string())).empty());  // a directory
}

TEST_F(KeyFileOnDisk, LoadOrCreateCreatesOnceWithMode0600ThenReusesTheFile) {
  const std::string path = (dir_ / "hejia.keys").string();
  const auto created = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(std::holds_alternative<KeyRing>(created)) << ErrorOf(created);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);

  const auto again = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(std::holds_alternative<KeyRing>(again)) << ErrorOf(again);
  EXPECT_EQ(std::get<KeyRing>(again).current_id, std::get<KeyRing>(created).current_id);
  EXPECT_EQ(std::get<KeyRing>(again).index_key, std::get<KeyRing>(created).index_key);

  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1u) << "temporary file left behind";
}

TEST_F(KeyFileOnDisk, LoadOrCreateDoesNotTouchAnInsecureExistingFile) {
  const std::string path = WriteFile("open.keys", ValidText(), 0644);
  EXPECT_FALSE(ErrorOf(LoadOrCreateKeyFile(path)).empty());
}

}  // namespace
}  // namespace hejia::security

#include "store/attachment_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/tokens.hpp"

namespace hejia::store {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const security::KeyRing> Ring(uint8_t fill) {
  auto ring = std::make_shared<security::KeyRing>();
  ring->current_id = "k1";
  ring->data_keys["k1"].fill(fill);
  return ring;
}

/// A fresh directory under the system's temporary one, removed afterwards.
struct TempRoot {
  fs::path path =
      fs::temp_directory_path() / ("hejia-attachments-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(reinterpret_cast<uintptr_t>(this)));
  ~TempRoot() { fs::remove_all(path); }
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AttachmentType, TheFirstBytesMustShowTheDeclaredKind) {
  EXPECT_EQ(SniffAttachmentType(std::string("\xFF\xD8\xFF\xE0rest", 8)), "image/jpeg");
  EXPECT_EQ(SniffAttachmentType(std::string("\x89PNG\r\n\x1A\n....", 12)), "image/png");
  EXPECT_EQ(SniffAttachmentType(std::string("RIFF\0\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(SniffAttachmentType("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(SniffAttachmentType("RIFF....WAVEfmt "), "");  // RIFF but not WebP
  EXPECT_EQ(SniffAttachmentType("<html><script>"), "");
  EXPECT_EQ(SniffAttachmentType("\xFF\xD8"), "");  // too short
  EXPECT_EQ(SniffAttachmentType(""), "");
  EXPECT_TRUE(IsAttachmentType("application/pdf"));
  EXPECT_FALSE(IsAttachmentType("image/svg+xml"));  // could carry script
  EXPECT_FALSE(IsAttachmentType("text/html"));
  EXPECT_EQ(AttachmentExtension("image/webp"), "webp");
}

TEST(AttachmentStore, StoresEncryptedUnderTheDigestOnceAndReadsBack) {
  TempRoot root;
  const AttachmentStore store(root.path / "files");
  const security::FieldCipher cipher(Ring(7));
  static constexpr char kBytes[] = "%PDF-1.4\nvictim statement \x01\x02 with bytes\0 inside";
  const std::string content(kBytes, sizeof kBytes - 1);
  const auto first = store.Put(cipher, content);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.sha256, security::Sha256Hex(content));
  const fs::path file = store.PathOf(first.sha256);
  EXPECT_EQ(file, root.path / "files" / first.sha256.substr(0, 2) / first.sha256.substr(2));
  const std::string disk = ReadAll(file);
  EXPECT_EQ(disk.find("victim statement"), std::string::npos);
  EXPECT_EQ((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)),
            fs::perms::none);
  EXPECT_EQ((fs::status(file.parent_path()).permissions() & fs::perms::others_all),
            fs::perms::none);

  const auto again = store.Put(cipher, content);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.sha256, first.sha256);
  // Sealed and written again, as a first upload would be: a second upload's timing does not tell
  // that the same file was stored before (in another case, say).
  EXPECT_NE(ReadAll(file), disk);
  int entries = 0;
  for (const auto& e : fs::directory_iterator(file.parent_path())) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1);  // no temporary file left behind

  const auto read = store.Get(cipher, first.sha256);
  ASSERT_EQ(read.status, AttachmentStore::ReadStatus::kOk);
  EXPECT_EQ(read.content, content);
}

TEST(AttachmentStore, AMovedTamperedOrForeignFileDoesNotDecrypt) {
  TempRoot root;
  const AttachmentStore store(root.path);
  const security::FieldCipher cipher(Ring(1));
  const auto a = store.Put(cipher, "%PDF-1.4\nfirst");
  const auto b = store.Put(cipher, "%PDF-1.4\nsecond");
  // A damaged file is replaced when the same content comes again (every upload rewrites its file;
  // `created` only says whether one was there).
  {
    std::ofstream broken(store.PathOf(a.sha256), std::ios::binary | std::ios::trunc);
    broken << "v1.k1.garbage";
  }
  EXPECT_EQ(store.Get(cipher, a.sha256).status, AttachmentStore::ReadStatus::kIntegrityFailed);
  EXPECT_FALSE(store.Put(cipher, "%PDF-1.4\nfirst").created);
  EXPECT_EQ(store.Get(cipher, a.sha256).content, "%PDF-1.4\nfirst");
  // A file copied over another digest's name is bound to its own digest.
  fs::copy_file(store.PathOf(a.sha256), store.PathOf(b.sha256),
                fs::copy_options::overwrite_existing);
  EXPECT_EQ(store.Get(cipher, b.sha256).status, AttachmentStore::ReadStatus::kIntegrityFailed);
  // Another deployment's key.
  const security::FieldCipher other(Ring(2));
  EXPECT_EQ(store.Get(other, a.sha256).status, AttachmentStore::ReadStatus::kIntegrityFailed);
  // A missing file, and a digest that is not one.
  EXPECT_EQ(store.Get(cipher, std::string(64, 'a')).status, AttachmentStore::ReadStatus::kMissing);
  EXPECT_THROW(store.PathOf("../../etc/passwd"), std::invalid_argument);
  EXPECT_THROW(store.Put(cipher, ""), std::invalid_argument);
}

}  // namespace
}  // namespace hejia::store

#include "store/backup.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace hejia::store {
namespace {

namespace fs = std::filesystem;

class BackupFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hejia-backup-files-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
};

TEST_F(BackupFilesTest, CopiesAttachmentsAndMediaPrivatelyThenOnlyWhatIsNew) {
  const fs::path files = dir_ / "files", copy = dir_ / "backup.db.files";
  Write(files / "ab" / "cdef01", "sealed attachment");
  Write(files / "media" / "12" / "3456", "a video's bytes");
  Write(files / "ab" / ".upload-Xy12Zq", "half a write");

  auto done = BackupFiles(files, copy);
  EXPECT_EQ(done.copied, 2);
  EXPECT_EQ(done.kept, 0);
  EXPECT_EQ(Read(copy / "ab" / "cdef01"), "sealed attachment");
  EXPECT_EQ(Read(copy / "media" / "12" / "3456"), "a video's bytes");
  EXPECT_FALSE(fs::exists(copy / "ab" / ".upload-Xy12Zq")) << "a write under way is no file yet";
  EXPECT_EQ(fs::status(copy / "ab" / "cdef01").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(copy / "media").permissions() & fs::perms::all, fs::perms::owner_all);

  // The next backup copies the new file only, and mends a copy cut short.
  Write(files / "cd" / "ef0123", "another");
  std::ofstream(copy / "media" / "12" / "3456", std::ios::trunc) << "a vid";
  done = BackupFiles(files, copy);
  EXPECT_EQ(done.copied, 2);
  EXPECT_EQ(done.kept, 1);
  EXPECT_EQ(Read(copy / "media" / "12" / "3456"), "a video's bytes");
  EXPECT_EQ(Read(copy / "cd" / "ef0123"), "another");
  for (const auto& e : fs::recursive_directory_iterator(copy))
    EXPECT_NE(e.path().extension(), ".partial") << "a temporary left: " << e.path();
}

TEST_F(BackupFilesTest, NoFilesFolderCopiesNothing) {
  const auto done = BackupFiles(dir_ / "none", dir_ / "copy");
  EXPECT_EQ(done.copied + done.kept, 0);
}

}  // namespace
}  // namespace hejia::store

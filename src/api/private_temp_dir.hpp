// A directory of mode 0700 under the system's temporary directory, removed with everything in it
// when this goes out of scope (also when writing fails half-way): where libxlsxwriter writes a
// workbook (the case export, the incident import template) before it is read back and sent.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hejia::api {

class PrivateTempDir {
 public:
  PrivateTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hejia-export-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("export: cannot create a temporary directory");
    path_ = pattern;
  }
  ~PrivateTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The bytes of a file just written.
inline std::string ReadWholeFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("the file was not written: " + file);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace hejia::api

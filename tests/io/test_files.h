// Helpers for the io tests: a scratch folder, file writing, compression.
#ifndef NEARDUP_TESTS_IO_TEST_FILES_H_
#define NEARDUP_TESTS_IO_TEST_FILES_H_

#include <string>
#include <string_view>

namespace neardup::io::testing {

// A fresh folder under $TMPDIR (or /tmp), removed with its contents on
// destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Path(std::string_view relative) const;

 private:
  std::string path_;
};

// Writes `bytes` to `path`, creating parent folders; aborts the test on
// failure (REQUIRE).
void WriteFile(const std::string& path, std::string_view bytes);
std::string ReadFile(const std::string& path);
bool Exists(const std::string& path);

std::string GzipCompress(std::string_view bytes);
std::string ZstdCompress(std::string_view bytes);
std::string GzipDecompress(std::string_view bytes);
std::string ZstdDecompress(std::string_view bytes);

}  // namespace neardup::io::testing

#endif  // NEARDUP_TESTS_IO_TEST_FILES_H_

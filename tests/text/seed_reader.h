// Reads the seed articles of samples/news/ for the text tests.
#ifndef NEARDUP_TESTS_TEXT_SEED_READER_H_
#define NEARDUP_TESTS_TEXT_SEED_READER_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace neardup::text::testing {

// The content of samples/news/<prefix>*.txt under $NEARDUP_SOURCE_ROOT, or
// nullopt when the variable is unset or no such file exists.
inline std::optional<std::string> ReadSeed(const std::string& prefix) {
  const char* root = std::getenv("NEARDUP_SOURCE_ROOT");
  if (root == nullptr) return std::nullopt;
  const std::filesystem::path dir =
      std::filesystem::path(root) / "samples" / "news";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".txt") {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      return content.str();
    }
  }
  return std::nullopt;
}

}  // namespace neardup::text::testing

#endif  // NEARDUP_TESTS_TEXT_SEED_READER_H_

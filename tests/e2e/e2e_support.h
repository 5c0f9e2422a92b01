// Helpers for end-to-end tests: temporary folders, running neardup in
// process, and reading its JSON outputs.
#ifndef NEARDUP_TESTS_E2E_SUPPORT_H_
#define NEARDUP_TESTS_E2E_SUPPORT_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "simdjson.h"

namespace neardup::testing {

namespace fs = std::filesystem;

inline std::string SourceRoot() {
  const char* root = std::getenv("NEARDUP_SOURCE_ROOT");
  return root != nullptr ? root : ".";
}

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void WriteFile(const fs::path& path, std::string_view contents) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

// A fresh folder under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("neardup-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// The lines of a JSON Lines file, each parsed into an owned DOM element.
class JsonLines {
 public:
  explicit JsonLines(const fs::path& path) {
    std::istringstream in(ReadFile(path));
    std::string line;
    while (std::getline(in, line)) lines_.push_back(line);
    parsers_.resize(lines_.size());
    for (size_t i = 0; i < lines_.size(); ++i) {
      docs_.push_back(parsers_[i].parse(lines_[i]).value());
    }
  }
  size_t size() const { return docs_.size(); }
  simdjson::dom::element operator[](size_t i) const { return docs_[i]; }
  const std::vector<simdjson::dom::element>& all() const { return docs_; }

 private:
  std::vector<std::string> lines_;
  std::vector<simdjson::dom::parser> parsers_;
  std::vector<simdjson::dom::element> docs_;
};

inline std::string Str(simdjson::dom::element e, const char* key) {
  std::string_view value;
  if (e[key].get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

// Word 5-gram Jaccard computed independently of neardup: lower-cased runs of
// ASCII letters and digits (all the generator writes).
inline double IndependentJaccard(const std::string& a, const std::string& b) {
  auto shingles = [](const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    }
    std::set<std::string> set;
    for (size_t i = 0; i + 5 <= words.size(); ++i) {
      set.insert(words[i] + " " + words[i + 1] + " " + words[i + 2] + " " + words[i + 3] + " " + words[i + 4]);
    }
    return set;
  };
  const auto sa = shingles(a), sb = shingles(b);
  size_t common = 0;
  for (const auto& s : sa) common += sb.count(s);
  return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_E2E_SUPPORT_H_

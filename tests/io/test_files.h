// Helpers for the io tests: a scratch folder, file writing, compression, and
// reading every record of some inputs.
#ifndef NEARDUP_TESTS_IO_TEST_FILES_H_
#define NEARDUP_TESTS_IO_TEST_FILES_H_

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/record_reader.h"
#include "neardup/options.h"

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

// Opens `inputs` and calls read_one(reader, &item) for fresh items until it
// returns false, collecting them; REQUIREs that opening and every read work.
template <typename Item, typename ReadOne>
std::vector<Item> ReadEach(const std::vector<std::string>& inputs, const InputOptions& options,
                           ReadOne read_one) {
  auto reader = OpenRecordReader(inputs, options);
  REQUIRE(reader.ok());
  std::vector<Item> items;
  for (;;) {
    Item item;
    absl::StatusOr<bool> more = read_one(**reader, &item);
    INFO(more.status().ToString());
    REQUIRE(more.ok());
    if (!*more) break;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace neardup::io::testing

#endif  // NEARDUP_TESTS_IO_TEST_FILES_H_

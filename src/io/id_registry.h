// Remembers the ids of accepted records, so a later record with the same id
// is rejected with a message that names where the id was first seen.
#ifndef NEARDUP_IO_ID_REGISTRY_H_
#define NEARDUP_IO_ID_REGISTRY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "neardup/document.h"

namespace neardup::io {

// IdRegistry: Admit() records accepted records in input order and returns
// "" for a new id, or the rejection for a repeated one: "duplicate id (first
// seen at FILE:LINE)" for JSONL, "(first seen at FOLDER/ID)" for a .txt
// folder. `inputs` are the command-line inputs, indexed by Record::input.
// Keyed by the id's 128-bit XXH3 hash (no heap per id; a false match is as
// unlikely as a hardware fault). Not thread-safe, but KeyOf() is: callers
// that admit many records one thread at a time can hash their ids on other
// threads first, and Prefetch() the next keys' places while admitting.
class IdRegistry {
 public:
  // An id's key: its 128-bit XXH3 hash.
  struct Key {
    uint64_t high = 0;
    uint64_t low = 0;
  };

  explicit IdRegistry(std::vector<std::string> inputs) : inputs_(std::move(inputs)) {}

  static Key KeyOf(std::string_view id);
  // Brings the table's memory where `key` would go into the cache.
  void Prefetch(const Key& key) const { first_seen_.prefetch(std::make_pair(key.high, key.low)); }

  // `key` is KeyOf(id).
  std::string Admit(const Key& key, std::string_view id, uint32_t input, uint64_t line,
                    bool from_folder);
  std::string Admit(std::string_view id, uint32_t input, uint64_t line, bool from_folder) {
    return Admit(KeyOf(id), id, input, line, from_folder);
  }
  // Makes room for `ids` ids at once, so that the table is not rebuilt (and
  // its memory touched anew) each time it grows. A hint; too high a guess
  // costs sparse, scattered pages.
  void Reserve(size_t ids) { first_seen_.reserve(ids); }
  // Admits a record that is not rejected otherwise, setting its rejection
  // when its id is a repeat; a rejected record is left as it is. `key` is
  // KeyOf(record->id).
  void Admit(const Key& key, Record* record);
  void Admit(Record* record) { Admit(KeyOf(record->id), record); }

 private:
  struct FirstSeen {
    uint32_t input;
    uint64_t line;
    bool from_folder;
  };

  std::vector<std::string> inputs_;
  absl::flat_hash_map<std::pair<uint64_t, uint64_t>, FirstSeen> first_seen_;
};

}  // namespace neardup::io

#endif  // NEARDUP_IO_ID_REGISTRY_H_

// The persistent index of documents kept by earlier runs (nightly batches).
#ifndef NEARDUP_INDEX_HISTORY_INDEX_H_
#define NEARDUP_INDEX_HISTORY_INDEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "neardup/options.h"
#include "sketch/lsh_params.h"

namespace rocksdb {
class DB;
class WriteBatch;
}

namespace neardup::index {

// What band keys and signatures depend on; an index only serves runs whose
// parameters equal the ones it was built with.
struct IndexParams {
  int word_ngram = 0;
  int char_ngram = 0;
  int num_perm = 0;
  uint64_t seed = 0;
  sketch::BandsRows bands_rows;
  int normalization_version = 0;
  SketchScheme scheme = SketchScheme::kClassic;

  std::string Describe() const;
  bool operator==(const IndexParams&) const = default;
};

// One document of an earlier run.
struct IndexedDoc {
  std::string id;
  std::string date;
  std::optional<int64_t> date_days;
  int64_t added_unix_seconds = 0;
  uint64_t run = 0;                 // fingerprint of the run that added it
  uint64_t text_bytes = 0;
  std::vector<uint32_t> signature;  // num_perm slots
};

// A document to add when a run commits.
struct NewDoc {
  std::string id;
  std::string date;
  std::optional<int64_t> date_days;
  uint64_t text_bytes = 0;
  absl::Span<const uint32_t> signature;
};

struct IndexStats {
  uint64_t documents = 0;
  uint64_t band_entries = 0;
  uint64_t runs = 0;
  std::optional<int64_t> oldest_days, newest_days;
  uint64_t disk_bytes = 0;
};

// HistoryIndex is an embedded RocksDB database (WAL on, every commit synced)
// in one folder. Opening it for writing takes RocksDB's file lock, which the
// OS releases when the process dies, so a crashed run never leaves it stuck;
// a second writer fails at once with kAborted. A folder built with other
// parameters is refused with kFailedPrecondition. Reads are thread-safe;
// writes come from one thread.
//
// Layout (one key space, so a commit is one atomic WriteBatch):
//   "P"                              -> IndexParams::Describe()
//   "D" id                           -> the IndexedDoc
//   "B" band(2 BE) key(8 BE)         -> the ids in that LSH bucket
//   "R" run(8 BE)                    -> when the run committed, docs it added
class HistoryIndex {
 public:
  // Opens (creating when absent, if `create`) the index in `folder`.
  static absl::StatusOr<std::unique_ptr<HistoryIndex>> Open(const std::string& folder,
                                                            std::optional<IndexParams> params,
                                                            bool read_only);
  ~HistoryIndex();

  const IndexParams& params() const { return params_; }

  // Documents sharing at least one band key with `signature`, except those
  // added by run `exclude_run` (a re-run of the same night must not match
  // itself). Ordered by id, each once.
  std::vector<IndexedDoc> Candidates(absl::Span<const uint32_t> signature,
                                     uint64_t exclude_run) const;

  std::optional<IndexedDoc> Get(const std::string& id) const;

  // Adds `docs` as run `run` in one synced write batch. A document whose id
  // is already indexed replaces it (its old bucket entries are removed).
  absl::Status Commit(uint64_t run, absl::Span<const NewDoc> docs, int64_t now_unix_seconds);

  // Removes documents whose date (or, undated, the day they were added) is
  // before `cutoff_days`; returns how many.
  absl::StatusOr<uint64_t> ForgetBefore(int64_t cutoff_days);

  // Checks that every document's bucket entries exist and every bucket entry
  // names an existing document with that band key. Returns a description of
  // each problem found (empty: consistent).
  absl::StatusOr<std::vector<std::string>> Verify() const;

  absl::Status Compact();
  absl::StatusOr<IndexStats> Stats() const;
  // Every indexed document, ordered by id.
  absl::StatusOr<std::vector<IndexedDoc>> List() const;

 private:
  HistoryIndex(std::string folder, IndexParams params, std::unique_ptr<rocksdb::DB> db);
  std::vector<std::string> BucketKeys(absl::Span<const uint32_t> signature) const;
  // Writes `batch` with sync, then flushes the memtable to a table file.
  absl::Status WriteDurably(rocksdb::WriteBatch* batch, std::string_view what);

  std::string folder_;
  IndexParams params_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace neardup::index

#endif  // NEARDUP_INDEX_HISTORY_INDEX_H_

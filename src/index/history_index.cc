#include "index/history_index.h"

#include <filesystem>
#include <limits>
#include <map>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "sketch/banding.h"
#include "util/byte_codec.h"

namespace neardup::index {
namespace {

using util::GetArray;
using util::GetRaw;
using util::GetString;
using util::PutArray;
using util::PutRaw;
using util::PutString;

constexpr char kParamsKey[] = "P";
constexpr char kDocPrefix = 'D';
constexpr char kBandPrefix = 'B';
constexpr char kRunPrefix = 'R';
constexpr int64_t kNoDate = std::numeric_limits<int64_t>::min();

void PutBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::string EncodeDoc(const NewDoc& doc, uint64_t run, int64_t now) {
  std::string out;
  PutRaw(doc.date_days.value_or(kNoDate), &out);
  PutRaw(now, &out);
  PutRaw(run, &out);
  PutRaw(doc.text_bytes, &out);
  PutString(doc.date, &out);
  PutRaw(static_cast<uint32_t>(doc.signature.size()), &out);
  PutArray(doc.signature, &out);
  return out;
}

std::optional<IndexedDoc> DecodeDoc(std::string_view id, std::string_view in) {
  IndexedDoc doc;
  doc.id = std::string(id);
  int64_t days = 0;
  uint32_t slots = 0;
  if (!GetRaw(&in, &days) || !GetRaw(&in, &doc.added_unix_seconds) || !GetRaw(&in, &doc.run) ||
      !GetRaw(&in, &doc.text_bytes) || !GetString(&in, &doc.date) || !GetRaw(&in, &slots) ||
      in.size() != slots * sizeof(uint32_t)) {
    return std::nullopt;
  }
  if (days != kNoDate) doc.date_days = days;
  doc.signature.resize(slots);
  GetArray(&in, absl::MakeSpan(doc.signature));
  return doc;
}

// A bucket's value: the ids in it, each length-prefixed. Returns false (and
// appends what it could read) on a malformed value.
bool AppendBucketIds(std::string_view value, std::vector<std::string>* ids) {
  while (!value.empty()) {
    std::string id;
    if (!GetString(&value, &id)) return false;
    ids->push_back(std::move(id));
  }
  return true;
}

// Read-modify-write of bucket values within one write batch: the first touch
// of a bucket reads its stored ids, later touches edit the copy.
class BucketEdits {
 public:
  explicit BucketEdits(rocksdb::DB& db) : db_(db) {}
  void Add(const std::string& key, const std::string& id) {
    std::vector<std::string>& ids = Load(key);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  void Remove(const std::string& key, const std::string& id) { std::erase(Load(key), id); }
  void WriteTo(rocksdb::WriteBatch* batch) const {
    for (const auto& [key, ids] : edited_) {
      if (ids.empty()) {
        batch->Delete(key);
        continue;
      }
      std::string value;
      for (const std::string& id : ids) PutString(id, &value);
      batch->Put(key, value);
    }
  }

 private:
  std::vector<std::string>& Load(const std::string& key) {
    auto [it, inserted] = edited_.try_emplace(key);
    if (inserted) {
      std::string value;
      if (db_.Get(rocksdb::ReadOptions(), key, &value).ok()) AppendBucketIds(value, &it->second);
    }
    return it->second;
  }

  rocksdb::DB& db_;
  std::map<std::string, std::vector<std::string>> edited_;  // ordered: stable batches
};

std::string DocKey(std::string_view id) { return std::string(1, kDocPrefix) + std::string(id); }

std::string RunKey(uint64_t run) {
  std::string key(1, kRunPrefix);
  PutBigEndian(run, 8, &key);
  return key;
}

absl::Status FromRocks(const rocksdb::Status& status, std::string_view what,
                       std::string_view folder) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat("index ", std::string(folder), ": ", std::string(what),
                                           ": ", status.ToString());
  if (status.IsNoSpace()) {
    return absl::ResourceExhaustedError(
        absl::StrCat(message, "; free disk space and run again (the index is unchanged)"));
  }
  return absl::UnavailableError(message);
}

}  // namespace

std::string IndexParams::Describe() const {
  return absl::StrFormat(
      "ngram=%d char_ngram=%d num_perm=%d seed=%d bands=%d rows=%d normalization=%d sketch=%s",
      word_ngram, char_ngram, num_perm, seed, bands_rows.bands, bands_rows.rows,
      normalization_version, SketchSchemeName(scheme));
}

HistoryIndex::HistoryIndex(std::string folder, IndexParams params, std::unique_ptr<rocksdb::DB> db)
    : folder_(std::move(folder)), params_(params), db_(std::move(db)) {}

HistoryIndex::~HistoryIndex() = default;

absl::StatusOr<std::unique_ptr<HistoryIndex>> HistoryIndex::Open(
    const std::string& folder, std::optional<IndexParams> params, bool read_only) {
  const bool exists = std::filesystem::exists(std::filesystem::path(folder) / "CURRENT");
  if (!exists && (read_only || !params.has_value())) {
    return absl::NotFoundError(absl::StrCat("index ", folder,
                                            ": no index there; a dedup run with --index creates one"));
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  options.paranoid_checks = true;
  options.IncreaseParallelism(2);
  // Signatures and band keys are random bytes: compression only costs time.
  options.compression = rocksdb::kNoCompression;
  // Most bucket look-ups miss: a Bloom filter answers them without a read.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened = read_only ? rocksdb::DB::OpenForReadOnly(options, folder, &raw)
                                           : rocksdb::DB::Open(options, folder, &raw);
  if (!opened.ok()) {
    if (opened.IsIOError() && opened.ToString().find("lock") != std::string::npos) {
      return absl::AbortedError(absl::StrCat(
          "index ", folder, " is in use by another neardup run (", opened.ToString(),
          "); wait for it to finish: the lock is released when that process ends"));
    }
    return FromRocks(opened, "cannot open", folder);
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string stored;
  const rocksdb::Status got = db->Get(rocksdb::ReadOptions(), kParamsKey, &stored);
  if (got.IsNotFound()) {
    if (!params.has_value() || read_only) {
      return absl::DataLossError(absl::StrCat("index ", folder, ": it holds no parameters; it was not made by neardup"));
    }
    rocksdb::WriteOptions write;
    write.sync = true;
    if (absl::Status s = FromRocks(db->Put(write, kParamsKey, params->Describe()), "cannot write parameters", folder); !s.ok()) return s;
    stored = params->Describe();
  } else if (!got.ok()) {
    return FromRocks(got, "cannot read parameters", folder);
  }
  IndexParams parsed;
  char scheme[16] = "";
  const int fields = std::sscanf(
      stored.c_str(), "ngram=%d char_ngram=%d num_perm=%d seed=%lu bands=%d rows=%d normalization=%d sketch=%15s",
      &parsed.word_ngram, &parsed.char_ngram, &parsed.num_perm, &parsed.seed,
      &parsed.bands_rows.bands, &parsed.bands_rows.rows, &parsed.normalization_version, scheme);
  // Indexes from before --sketch existed hold classic signatures and no
  // eighth field.
  bool known_scheme = fields == 7;
  for (SketchScheme candidate : kSketchSchemes) {
    if (fields == 8 && std::string_view(scheme) == SketchSchemeName(candidate)) {
      parsed.scheme = candidate;
      known_scheme = true;
    }
  }
  if (fields < 7 || !known_scheme) {
    return absl::DataLossError(absl::StrCat("index ", folder, ": unreadable parameters '", stored, "'"));
  }
  if (params.has_value() && !(*params == parsed)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "index ", folder, " was built with ", parsed.Describe(), " but this run uses ", params->Describe(),
        "; run with the index's parameters (--sketch, --ngram, ...), or start a new index folder"));
  }
  return std::unique_ptr<HistoryIndex>(new HistoryIndex(folder, parsed, std::move(db)));
}

std::vector<std::string> HistoryIndex::BucketKeys(absl::Span<const uint32_t> signature) const {
  std::vector<std::string> keys;
  for (int band = 0; band < params_.bands_rows.bands; ++band) {
    std::string key(1, kBandPrefix);
    PutBigEndian(static_cast<uint64_t>(band), 2, &key);
    PutBigEndian(sketch::BandKey(signature.data(), params_.bands_rows, band), 8, &key);
    keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<IndexedDoc> HistoryIndex::Candidates(absl::Span<const uint32_t> signature,
                                                 uint64_t exclude_run) const {
  const std::vector<std::string> keys = BucketKeys(signature);
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<std::string> values;
  const std::vector<rocksdb::Status> found =
      db_->MultiGet(rocksdb::ReadOptions(), slices, &values);
  std::vector<std::string> ids;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (found[i].ok()) AppendBucketIds(values[i], &ids);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<IndexedDoc> docs;
  for (const std::string& id : ids) {
    std::optional<IndexedDoc> doc = Get(id);
    if (doc.has_value() && doc->run != exclude_run) docs.push_back(std::move(*doc));
  }
  return docs;
}

std::optional<IndexedDoc> HistoryIndex::Get(const std::string& id) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), DocKey(id), &value).ok()) return std::nullopt;
  return DecodeDoc(id, value);
}

absl::Status HistoryIndex::Commit(uint64_t run, absl::Span<const NewDoc> docs,
                                  int64_t now_unix_seconds) {
  rocksdb::WriteBatch batch;
  BucketEdits buckets(*db_);
  for (const NewDoc& doc : docs) {
    if (std::optional<IndexedDoc> old = Get(doc.id)) {
      for (const std::string& key : BucketKeys(old->signature)) buckets.Remove(key, doc.id);
    }
    batch.Put(DocKey(doc.id), EncodeDoc(doc, run, now_unix_seconds));
    for (const std::string& key : BucketKeys(doc.signature)) buckets.Add(key, doc.id);
  }
  buckets.WriteTo(&batch);
  std::string run_value;
  PutRaw(now_unix_seconds, &run_value);
  PutRaw(static_cast<uint64_t>(docs.size()), &run_value);
  batch.Put(RunKey(run), run_value);
  return WriteDurably(&batch, "cannot commit this run");
}

absl::Status HistoryIndex::WriteDurably(rocksdb::WriteBatch* batch, std::string_view what) {
  rocksdb::WriteOptions write;
  write.sync = true;
  if (absl::Status s = FromRocks(db_->Write(write, batch), what, folder_); !s.ok()) return s;
  // The batch is durable in the WAL; flushing it to a table file now spares
  // the next run from replaying it when it opens the index.
  return FromRocks(db_->Flush(rocksdb::FlushOptions()), what, folder_);
}

absl::StatusOr<uint64_t> HistoryIndex::ForgetBefore(int64_t cutoff_days) {
  rocksdb::WriteBatch batch;
  BucketEdits buckets(*db_);
  uint64_t forgotten = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string prefix(1, kDocPrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string id(it->key().data() + 1, it->key().size() - 1);
    std::optional<IndexedDoc> doc = DecodeDoc(id, it->value().ToStringView());
    if (!doc.has_value()) continue;  // Verify() reports it
    const int64_t day = doc->date_days.value_or(doc->added_unix_seconds / 86400);
    if (day >= cutoff_days) continue;
    batch.Delete(it->key());
    for (const std::string& key : BucketKeys(doc->signature)) buckets.Remove(key, id);
    ++forgotten;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read", folder_);
  buckets.WriteTo(&batch);
  if (absl::Status s = WriteDurably(&batch, "cannot forget"); !s.ok()) return s;
  return forgotten;
}

absl::StatusOr<std::vector<std::string>> HistoryIndex::Verify() const {
  std::vector<std::string> problems;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  uint64_t expected_band_entries = 0;
  const std::string doc_prefix(1, kDocPrefix);
  for (it->Seek(doc_prefix); it->Valid() && it->key().starts_with(doc_prefix); it->Next()) {
    const std::string id(it->key().data() + 1, it->key().size() - 1);
    std::optional<IndexedDoc> doc = DecodeDoc(id, it->value().ToStringView());
    if (!doc.has_value() || doc->signature.size() != static_cast<size_t>(params_.num_perm)) {
      problems.push_back(absl::StrCat("document '", id, "': unreadable entry"));
      continue;
    }
    std::string bucket;
    for (const std::string& key : BucketKeys(doc->signature)) {
      ++expected_band_entries;
      std::vector<std::string> ids;
      if (db_->Get(rocksdb::ReadOptions(), key, &bucket).ok()) AppendBucketIds(bucket, &ids);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        problems.push_back(absl::StrCat("document '", id, "': a bucket entry is missing"));
        break;
      }
    }
  }
  uint64_t band_entries = 0;
  const std::string band_prefix(1, kBandPrefix);
  for (it->Seek(band_prefix); it->Valid() && it->key().starts_with(band_prefix); it->Next()) {
    std::vector<std::string> ids;
    if (!AppendBucketIds(it->value().ToStringView(), &ids)) {
      problems.push_back("an unreadable bucket entry");
    }
    band_entries += ids.size();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read", folder_);
  if (band_entries != expected_band_entries) {
    problems.push_back(absl::StrCat(band_entries, " bucket entries, but the documents need ",
                                    expected_band_entries, " (stale entries)"));
  }
  return problems;
}

absl::Status HistoryIndex::Compact() {
  return FromRocks(db_->CompactRange(rocksdb::CompactRangeOptions(), nullptr, nullptr),
                   "cannot compact", folder_);
}

absl::StatusOr<IndexStats> HistoryIndex::Stats() const {
  IndexStats stats;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const char prefix = it->key()[0];
    if (prefix == kBandPrefix) {
      std::vector<std::string> ids;
      AppendBucketIds(it->value().ToStringView(), &ids);
      stats.band_entries += ids.size();
    } else if (prefix == kRunPrefix) {
      ++stats.runs;
    } else if (prefix == kDocPrefix) {
      ++stats.documents;
      std::optional<IndexedDoc> doc = DecodeDoc("", it->value().ToStringView());
      if (doc.has_value() && doc->date_days.has_value()) {
        const int64_t d = *doc->date_days;
        stats.oldest_days = std::min(stats.oldest_days.value_or(d), d);
        stats.newest_days = std::max(stats.newest_days.value_or(d), d);
      }
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read", folder_);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, ec)) {
    if (entry.is_regular_file(ec)) stats.disk_bytes += entry.file_size(ec);
  }
  return stats;
}

absl::StatusOr<std::vector<IndexedDoc>> HistoryIndex::List() const {
  std::vector<IndexedDoc> docs;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string prefix(1, kDocPrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string id(it->key().data() + 1, it->key().size() - 1);
    if (std::optional<IndexedDoc> doc = DecodeDoc(id, it->value().ToStringView())) {
      docs.push_back(std::move(*doc));
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read", folder_);
  return docs;
}

}  // namespace neardup::index

#include "pipeline/shipping.h"

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"

namespace neardup::pipeline {
namespace {

constexpr size_t kMessageBytes = 32u << 20;

// Appends fixed-size integers (host byte order: every rank of a run runs the
// same build) and length-prefixed strings.
class MessageWriter {
 public:
  template <typename T>
  void Put(T value) {
    static_assert(std::is_integral_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void PutString(std::string_view text) {
    Put<uint64_t>(text.size());
    bytes_.append(text);
  }
  void PutWords(absl::Span<const uint32_t> words) {
    bytes_.append(reinterpret_cast<const char*>(words.data()), words.size() * sizeof(uint32_t));
  }
  size_t size() const { return bytes_.size(); }
  std::string Take() { return std::exchange(bytes_, std::string()); }

 private:
  std::string bytes_;
};

// Reads what MessageWriter wrote; any read past the end sets failed() and
// yields zeros / empty strings from then on.
class MessageReader {
 public:
  explicit MessageReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  T Get() {
    T value{};
    if (!Take(sizeof value)) return value;
    std::memcpy(&value, bytes_.data() + at_ - sizeof value, sizeof value);
    return value;
  }
  std::string_view GetString() {
    const uint64_t size = Get<uint64_t>();
    if (size > bytes_.size() - at_ || !Take(size)) {
      failed_ = true;
      return {};
    }
    return bytes_.substr(at_ - size, size);
  }
  void GetWords(std::vector<uint32_t>* words) {
    const size_t size = words->size() * sizeof(uint32_t);
    if (Take(size)) std::memcpy(words->data(), bytes_.data() + at_ - size, size);
  }
  bool done() const { return at_ == bytes_.size(); }
  bool failed() const { return failed_; }

 private:
  bool Take(size_t size) {
    if (failed_ || size > bytes_.size() - at_) {
      failed_ = true;
      return false;
    }
    at_ += size;
    return true;
  }

  std::string_view bytes_;
  size_t at_ = 0;
  bool failed_ = false;
};

void PutRecord(const ScannedCorpus& corpus, const RecordOutcome& record, MessageWriter* out) {
  out->Put<uint32_t>(record.input);
  out->Put<uint64_t>(record.line);
  out->PutString(record.id);
  out->PutString(record.rejection);
  out->Put<uint32_t>(record.invalid_utf8_replaced);
  out->Put<uint64_t>(record.content_hash);
  out->Put<uint8_t>(record.slot >= 0);
  if (record.slot < 0) return;
  const uint32_t slot = static_cast<uint32_t>(record.slot);
  const ScannedDoc& doc = corpus.docs[slot];
  out->PutString(doc.date);
  out->PutString(doc.source);
  out->Put<uint8_t>(doc.format == RecordFormat::kJsonl);
  out->Put<uint32_t>(doc.words);
  out->Put<uint32_t>(doc.mojibake_repairs);
  out->Put<uint32_t>(doc.mojibake_guesses);
  out->Put<uint32_t>(doc.mojibake_markers);
  out->PutString(doc.mojibake_code_page);
  out->Put<uint64_t>(doc.text_token_begin);
  out->Put<uint64_t>(doc.text_token_end);
  out->PutString(corpus.OriginalText(slot));
  const bool repaired = doc.analyzed_text.offset != doc.original_text.offset;
  out->PutString(repaired ? corpus.text_spill->View(doc.analyzed_text) : std::string_view());
  out->PutString(doc.format == RecordFormat::kJsonl ? corpus.Raw(slot) : std::string_view());
  out->PutWords(corpus.Signature(slot));
}

// Appends one record read from `in` to `builder`; false when malformed.
bool AppendRecord(MessageReader& in, std::vector<uint32_t>& signature, CorpusBuilder* builder) {
  RecordOutcome record;
  record.input = in.Get<uint32_t>();
  record.line = in.Get<uint64_t>();
  record.id = in.GetString();
  record.rejection = in.GetString();
  record.invalid_utf8_replaced = in.Get<uint32_t>();
  record.content_hash = in.Get<uint64_t>();
  if (in.Get<uint8_t>() == 0) {
    if (in.failed()) return false;
    builder->AppendRejected(std::move(record));
    return true;
  }
  ScannedDoc doc;
  doc.input = record.input;
  doc.id = record.id;
  doc.date = in.GetString();
  doc.source = in.GetString();
  doc.format = in.Get<uint8_t>() != 0 ? RecordFormat::kJsonl : RecordFormat::kTextFile;
  doc.words = in.Get<uint32_t>();
  doc.mojibake_repairs = in.Get<uint32_t>();
  doc.mojibake_guesses = in.Get<uint32_t>();
  doc.mojibake_markers = in.Get<uint32_t>();
  doc.mojibake_code_page = in.GetString();
  doc.text_token_begin = in.Get<uint64_t>();
  doc.text_token_end = in.Get<uint64_t>();
  const std::string_view original = in.GetString();
  const std::string_view repaired = in.GetString();
  const std::string_view raw = in.GetString();
  in.GetWords(&signature);
  if (in.failed()) return false;
  builder->AppendUsable(std::move(record), std::move(doc), original, repaired, raw, signature);
  return true;
}

}  // namespace

absl::Status ShipCorpus(const ScannedCorpus& corpus, dist::Communicator& ranks, uint64_t* bytes) {
  MessageWriter message;
  auto send = [&](std::string payload) {
    *bytes += payload.size();
    return ranks.Send(0, payload);
  };
  for (const RecordOutcome& record : corpus.records) {
    PutRecord(corpus, record, &message);
    if (message.size() >= kMessageBytes) {
      if (absl::Status s = send(message.Take()); !s.ok()) return s;
    }
  }
  if (message.size() > 0) {
    if (absl::Status s = send(message.Take()); !s.ok()) return s;
  }
  return send(std::string());
}

absl::Status ReceiveCorpus(int from, dist::Communicator& ranks, int num_perm,
                           CorpusBuilder* builder, uint64_t* bytes) {
  std::vector<uint32_t> signature(static_cast<size_t>(num_perm));
  while (true) {
    absl::StatusOr<std::string> message = ranks.Receive(from);
    if (!message.ok()) return message.status();
    *bytes += message->size();
    if (message->empty()) return absl::OkStatus();
    MessageReader in(*message);
    while (!in.done()) {
      if (!AppendRecord(in, signature, builder)) {
        return absl::InternalError(absl::StrCat("malformed records from rank ", from,
                                                "; are all ranks running the same neardup?"));
      }
    }
  }
}

}  // namespace neardup::pipeline

#include "pipeline/shipping.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "events/date.h"
#include "sketch/banding.h"
#include "util/byte_codec.h"

namespace neardup::pipeline {
namespace {

using util::GetArray;
using util::GetRaw;
using util::GetString;
using util::PutArray;
using util::PutRaw;
using util::PutString;

constexpr size_t kMessageBytes = 32u << 20;

void PutRecord(const ScannedCorpus& corpus, const RecordOutcome& record, std::string* out) {
  PutRaw(record.input, out);
  PutRaw(record.line, out);
  PutString(record.id, out);
  PutString(record.rejection, out);
  PutRaw(record.invalid_utf8_replaced, out);
  PutRaw(record.content_hash, out);
  PutRaw<uint8_t>(record.slot >= 0, out);
  if (record.slot < 0) return;
  const uint32_t slot = static_cast<uint32_t>(record.slot);
  const ScannedDoc& doc = corpus.docs[slot];
  PutString(doc.date, out);
  PutString(doc.source, out);
  PutRaw(doc.format, out);
  PutRaw(doc.words, out);
  PutRaw(doc.mojibake_repairs, out);
  PutRaw(doc.mojibake_guesses, out);
  PutRaw(doc.mojibake_markers, out);
  PutString(doc.mojibake_code_page, out);
  PutRaw(doc.text_token_begin, out);
  PutRaw(doc.text_token_end, out);
  std::string original;
  PutString(corpus.OriginalText(slot, &original), out);
  PutString(doc.text_repaired ? corpus.text_spill->View(doc.analyzed_text) : std::string_view(),
            out);
  PutString(doc.format == RecordFormat::kJsonl ? corpus.Raw(slot) : std::string_view(), out);
  PutArray(corpus.Signature(slot), out);
}

// Appends one record read from the front of `*in` to `builder`, with what
// the scan computes of it besides (its parsed date and band keys); false
// when malformed.
bool AppendRecord(std::string_view* in, std::vector<uint32_t>& signature,
                  std::vector<uint64_t>& band_keys, sketch::BandsRows bands_rows,
                  CorpusBuilder* builder) {
  RecordOutcome record;
  uint8_t usable = 0;
  if (!GetRaw(in, &record.input) || !GetRaw(in, &record.line) || !GetString(in, &record.id) ||
      !GetString(in, &record.rejection) || !GetRaw(in, &record.invalid_utf8_replaced) ||
      !GetRaw(in, &record.content_hash) || !GetRaw(in, &usable)) {
    return false;
  }
  if (usable == 0) {
    builder->AppendRejected(std::move(record));
    return true;
  }
  ScannedDoc doc;
  doc.input = record.input;
  doc.id = record.id;
  std::string_view original, repaired, raw;
  if (!GetString(in, &doc.date) || !GetString(in, &doc.source) || !GetRaw(in, &doc.format) ||
      !GetRaw(in, &doc.words) || !GetRaw(in, &doc.mojibake_repairs) ||
      !GetRaw(in, &doc.mojibake_guesses) || !GetRaw(in, &doc.mojibake_markers) ||
      !GetString(in, &doc.mojibake_code_page) || !GetRaw(in, &doc.text_token_begin) ||
      !GetRaw(in, &doc.text_token_end) || !GetString(in, &original) ||
      !GetString(in, &repaired) || !GetString(in, &raw) ||
      !GetArray(in, absl::MakeSpan(signature))) {
    return false;
  }
  doc.date_days = events::ParseDateToDays(doc.date);
  sketch::BandKeys(signature.data(), bands_rows, band_keys.data());
  builder->AppendUsable(std::move(record), std::move(doc),
                        {.original = original,
                         .repaired = repaired,
                         .raw = raw,
                         .signature = signature,
                         .band_keys = band_keys});
  return true;
}

}  // namespace

absl::Status ShipCorpus(const ScannedCorpus& corpus, dist::Communicator& ranks, uint64_t* bytes) {
  std::string message;
  auto send = [&]() {
    *bytes += message.size();
    absl::Status sent = ranks.Send(0, message);
    message.clear();
    return sent;
  };
  for (const RecordOutcome& record : corpus.records) {
    PutRecord(corpus, record, &message);
    if (message.size() >= kMessageBytes) {
      if (absl::Status s = send(); !s.ok()) return s;
    }
  }
  if (!message.empty()) {
    if (absl::Status s = send(); !s.ok()) return s;
  }
  return send();  // empty: the end
}

absl::Status ReceiveCorpus(int from, dist::Communicator& ranks, const SketchOptions& sketch,
                           CorpusBuilder* builder, uint64_t* bytes) {
  const sketch::BandsRows bands_rows = ResolveBandsRows(sketch);
  std::vector<uint32_t> signature(static_cast<size_t>(sketch.num_perm));
  std::vector<uint64_t> band_keys(static_cast<size_t>(bands_rows.bands));
  while (true) {
    absl::StatusOr<std::string> message = ranks.Receive(from);
    if (!message.ok()) return message.status();
    *bytes += message->size();
    if (message->empty()) return absl::OkStatus();
    std::string_view in = *message;
    while (!in.empty()) {
      if (!AppendRecord(&in, signature, band_keys, bands_rows, builder)) {
        return absl::InternalError(absl::StrCat("malformed records from rank ", from,
                                                "; are all ranks running the same neardup?"));
      }
    }
  }
}

}  // namespace neardup::pipeline

// CutRanges and ApplyCuts (declared in passages.h).
#include <algorithm>

#include "passages/passages.h"
#include "passages/sentence_starts.h"

namespace neardup::passages {
namespace {

// A cut end moves at most this far, and at most a quarter of the cut's
// length, to reach a sentence or paragraph start.
constexpr uint32_t kMaxSnapBytes = 100;

bool IsHorizontalBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBlank(char c) { return IsHorizontalBlank(c) || c == '\r' || c == '\n'; }

// Sorted, merged (overlapping or touching ranges joined), clamped to `size`.
std::vector<ByteRange> Normalize(std::vector<ByteRange> ranges, size_t size) {
  const uint32_t limit = static_cast<uint32_t>(size);
  for (ByteRange& r : ranges) {
    r.first = std::min(r.first, limit);
    r.second = std::min(r.second, limit);
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<ByteRange> merged;
  for (const ByteRange& r : ranges) {
    if (r.second <= r.first) continue;
    if (!merged.empty() && r.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

// The cut for one passage, snapped to `starts`.
ByteRange SnapCut(std::string_view text, const std::vector<uint32_t>& starts, const Passage& p) {
  const uint32_t size = static_cast<uint32_t>(text.size());
  const uint32_t begin = std::min(p.begin, size);
  const uint32_t end = std::min(p.end, size);
  const uint32_t tolerance = std::min(kMaxSnapBytes, (end - begin) / 4);

  uint32_t cut_begin = NearestStart(starts, begin, tolerance).value_or(begin);
  uint32_t cut_end;
  if (auto snapped = NearestStart(starts, end, tolerance)) {
    cut_end = *snapped;
  } else {
    // Mid-sentence: take the blanks after the repeat, so no double space remains.
    cut_end = end;
    while (cut_end < size && IsHorizontalBlank(text[cut_end])) ++cut_end;
  }
  if (cut_end <= cut_begin) return {begin, end};
  // Never cut into the first occurrence of a within-document repeat.
  const bool source_before = p.within_document && p.first_end <= p.begin;
  const uint32_t floor = source_before ? p.first_end : 0;
  if (cut_begin < floor) cut_begin = begin;
  // A cut reaching the end of the text takes the blanks before it too.
  if (cut_end == size) {
    while (cut_begin > floor && IsBlank(text[cut_begin - 1])) --cut_begin;
  }
  return {cut_begin, cut_end};
}

}  // namespace

std::vector<ByteRange> CutRanges(std::string_view text,
                                 absl::Span<const Passage> passages_of_this_doc,
                                 const PassageOptions& options) {
  const std::vector<uint32_t> starts = SentenceStarts(text);
  std::vector<ByteRange> cuts;
  for (const Passage& p : passages_of_this_doc) {
    if (p.boilerplate && !options.cut_boilerplate) continue;
    if (std::min<size_t>(p.end, text.size()) <= p.begin) continue;
    cuts.push_back(SnapCut(text, starts, p));
  }
  return Normalize(std::move(cuts), text.size());
}

std::string ApplyCuts(std::string_view text, absl::Span<const ByteRange> cuts) {
  const std::vector<ByteRange> merged =
      Normalize(std::vector<ByteRange>(cuts.begin(), cuts.end()), text.size());
  std::string out;
  out.reserve(text.size());
  size_t cursor = 0;
  for (const ByteRange& r : merged) {
    out.append(text.substr(cursor, r.first - cursor));
    cursor = r.second;
  }
  out.append(text.substr(cursor));
  return out;
}

}  // namespace neardup::passages

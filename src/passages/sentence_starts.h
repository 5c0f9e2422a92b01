// Where sentences and paragraphs begin in a text, for snapping cuts.
#ifndef NEARDUP_PASSAGES_SENTENCE_STARTS_H_
#define NEARDUP_PASSAGES_SENTENCE_STARTS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace neardup::passages {

// Byte offsets, ascending and unique, where a sentence or paragraph starts:
// 0, the text's size, the first non-blank byte after a line break, the first
// non-blank byte after a sentence end (. ! ? with closing quotes or brackets,
// then white space; or CJK 。！？), and a capital glued to a period after a
// lowercase letter ("Washington.Chinese"). Heuristic: "U.S. President" also
// counts as a boundary. Pure function.
std::vector<uint32_t> SentenceStarts(std::string_view text);

// The start in `starts` nearest to `offset` (the earlier one on ties) if it
// is at most `tolerance` bytes away.
std::optional<uint32_t> NearestStart(const std::vector<uint32_t>& starts, uint32_t offset,
                                     uint32_t tolerance);

}  // namespace neardup::passages

#endif  // NEARDUP_PASSAGES_SENTENCE_STARTS_H_

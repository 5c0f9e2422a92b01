// Access to the texts of documents already read, by input index.
#ifndef NEARDUP_TEXT_DOCUMENT_TEXTS_H_
#define NEARDUP_TEXT_DOCUMENT_TEXTS_H_

#include <cstdint>
#include <string_view>

namespace neardup::text {

// DocumentTexts hands out the (UTF-8, text-field-only) text of a document by
// its input index. The pipeline backs it with a memory-mapped spill file, so
// the whole corpus is never held in memory. Text() is thread-safe and the
// returned view stays valid for the lifetime of the DocumentTexts.
class DocumentTexts {
 public:
  virtual ~DocumentTexts() = default;
  virtual std::string_view Text(uint64_t doc_index) const = 0;
};

}  // namespace neardup::text

#endif  // NEARDUP_TEXT_DOCUMENT_TEXTS_H_

#include "io/id_registry.h"

#include "absl/strings/str_cat.h"
#include "io/string_view_compat.h"
#include "xxhash.h"

namespace neardup::io {

IdRegistry::Key IdRegistry::KeyOf(std::string_view id) {
  const XXH128_hash_t hash = XXH3_128bits(id.data(), id.size());
  return {hash.high64, hash.low64};
}

std::string IdRegistry::Admit(const Key& key, std::string_view id, uint32_t input,
                              uint64_t line, bool from_folder) {
  auto [it, inserted] = first_seen_.try_emplace(std::make_pair(key.high, key.low),
                                                FirstSeen{input, line, from_folder});
  if (inserted) return "";
  const FirstSeen& seen = it->second;
  const std::string& path = inputs_[seen.input];
  std::string where;
  if (seen.from_folder) {
    where = path.empty() || path.back() == '/' ? absl::StrCat(path, Absl(id))
                                               : absl::StrCat(path, "/", Absl(id));
  } else {
    where = absl::StrCat(path, ":", seen.line);
  }
  return absl::StrCat("duplicate id (first seen at ", where, ")");
}

void IdRegistry::Admit(const Key& key, Record* record) {
  if (!record->rejection.empty()) return;
  record->rejection = Admit(key, record->id, record->input, record->origin.line,
                            record->format == RecordFormat::kTextFile);
}

}  // namespace neardup::io

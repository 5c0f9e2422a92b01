// Debian's Abseil has its own absl::string_view (not std::string_view);
// this turns a std::string_view into one for absl::StrCat and friends.
#ifndef NEARDUP_IO_STRING_VIEW_COMPAT_H_
#define NEARDUP_IO_STRING_VIEW_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace neardup::io {

inline absl::string_view Absl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

}  // namespace neardup::io

#endif  // NEARDUP_IO_STRING_VIEW_COMPAT_H_

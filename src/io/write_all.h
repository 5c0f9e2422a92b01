// Writing a whole buffer to a file descriptor.
#ifndef NEARDUP_IO_WRITE_ALL_H_
#define NEARDUP_IO_WRITE_ALL_H_

#include <string_view>

namespace neardup::io {

// Writes all of `bytes` to `fd` with write(2), going on after a partial
// write or an interrupted call. Returns 0, or the errno of the failure (EIO
// when write(2) wrote nothing without saying why).
int WriteAll(int fd, std::string_view bytes);

}  // namespace neardup::io

#endif  // NEARDUP_IO_WRITE_ALL_H_

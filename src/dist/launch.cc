#include "dist/launch.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace neardup::dist {
namespace {

std::string ExecutableFolder() {
  char path[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return ".";
  const std::string exe(path, static_cast<size_t>(n));
  return exe.substr(0, exe.rfind('/'));
}

std::vector<std::string> ModuleCandidates() {
  if (const char* named = std::getenv("NEARDUP_MPI_MODULE"); named != nullptr && *named) {
    return {named};
  }
  const std::string folder = ExecutableFolder();
  return {folder + "/neardup_mpi.so", folder + "/../lib/neardup/neardup_mpi.so"};
}

}  // namespace

bool StartedByMpiLauncher() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

absl::StatusOr<std::unique_ptr<Communicator>> JoinRun(int* argc, char*** argv) {
  const std::vector<std::string> candidates = ModuleCandidates();
  std::vector<std::string> errors;
  for (const std::string& path : candidates) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    // RTLD_GLOBAL: MPI libraries load plugins of their own that need MPI's symbols.
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (module == nullptr) {
      errors.push_back(::dlerror());
      continue;
    }
    using Connect = Communicator* (*)(int*, char***);
    auto connect = reinterpret_cast<Connect>(::dlsym(module, "neardup_mpi_connect"));
    if (connect == nullptr) return absl::InternalError(absl::StrCat(path, ": not a neardup MPI module"));
    Communicator* ranks = connect(argc, argv);
    if (ranks == nullptr) return absl::UnavailableError("MPI_Init failed");
    return std::unique_ptr<Communicator>(ranks);
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "started by an MPI launcher, but ",
      errors.empty() ? absl::StrCat("the MPI module is not installed (looked for ",
                                    absl::StrJoin(candidates, ", "), ")")
                     : absl::StrCat("the MPI module failed to load: ", absl::StrJoin(errors, "; ")),
      "; install Open MPI (libopenmpi-dev) and rebuild neardup, or run it without mpirun"));
}

}  // namespace neardup::dist

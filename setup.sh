#!/usr/bin/env bash
# neardup's one entry point on a fresh Debian 12 machine:
#   ./setup.sh demo   install what is missing, build, run neardup on samples/news -> out/
#   ./setup.sh test   install what is missing, build, run the whole test suite
#   ./setup.sh build  install what is missing and build (build/src/cli/neardup)
#   ./setup.sh ci     what .ci/run needs besides: clang for the fuzz targets
# Installing needs root (or sudo); nothing is installed that is already there.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  g++ meson ninja-build pkg-config python3
  libxxhash-dev libabsl-dev libboost-program-options-dev catch2 libbenchmark-dev
  libutf8proc-dev libsimdjson-dev rapidjson-dev zlib1g-dev libzstd-dev librocksdb-dev libstemmer-dev
  libjemalloc-dev
)
TEST_PACKAGES=(chromium                     # report.html is checked in a real browser
  libopenmpi-dev openmpi-bin iproute2)       # distributed runs, ranks on namespace hosts
CI_PACKAGES=(clang libclang-rt-14-dev)      # libFuzzer targets

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {  # extra arguments are meson options, e.g. -Dmpi=enabled
  if [ -f build/build.ninja ]; then
    [ $# -eq 0 ] || meson configure build "$@" >/dev/null
  else
    meson setup build --buildtype=release "$@" >/dev/null
  fi
  ninja -C build -j2
}

case "${1:-demo}" in
  build)
    install_missing "${PACKAGES[@]}"; build ;;
  ci)
    install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${CI_PACKAGES[@]}" ;;
  demo)
    install_missing "${PACKAGES[@]}"; build
    build/src/cli/neardup dedup samples/news -o out
    echo "outputs in out/: $(ls out | tr '\n' ' ')" ;;
  test)
    install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"; build -Dmpi=enabled
    status=0
    meson test -C build --print-errorlogs --num-processes 2 || status=$?
    python3 tests/summarize_testlog.py build/meson-logs/testlog.json
    exit $status ;;
  *)
    echo "usage: ./setup.sh [demo|test|build|ci]" >&2; exit 1 ;;
esac

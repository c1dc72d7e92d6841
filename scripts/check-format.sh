#!/usr/bin/env bash
# Fails, naming the files and lines, when a C++ file of the repository is not formatted as
# .clang-format says. Run by `make test` (the ctest test "format"); fix with
#   clang-format -i $(git ls-files '*.cc' '*.h')
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
clang-format --dry-run -Werror "${files[@]}"
echo "${#files[@]} files formatted as .clang-format says"

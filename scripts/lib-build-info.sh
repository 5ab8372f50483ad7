# shellcheck shell=bash
# Shared by scripts/dist and scripts/install: bakes the git commit into the binary (regdoctor --version, the JSON
# report's regdoctorVersion) without the binary ever running git. `bake_commit` writes it into
# Sources/BuildInfo/BuildCommit.swift for the build; `unbake_commit` (on EXIT) puts the committed file back.
# REGDOCTOR_COMMIT overrides git (a build from a source tarball).
BUILD_COMMIT_FILE=Sources/BuildInfo/BuildCommit.swift

bake_commit() {
  local commit=${REGDOCTOR_COMMIT:-}
  if [ -z "$commit" ] && command -v git >/dev/null && commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
    git diff --quiet HEAD -- Sources Package.swift || commit="$commit-dirty"
  fi
  # Only hex digits and "-dirty" reach the Swift source.
  commit=$(printf '%s' "$commit" | tr -cd '0-9a-z-' | cut -c1-40)
  [ -n "$commit" ] || return 0
  cp "$BUILD_COMMIT_FILE" "$BUILD_COMMIT_FILE.orig"
  printf '// Written by scripts/lib-build-info.sh for one build; see git for the committed text.\nlet bakedCommit: String? = "%s"\n' \
    "$commit" >"$BUILD_COMMIT_FILE"
  echo "baking commit $commit into the build"
}

unbake_commit() {
  if [ -f "$BUILD_COMMIT_FILE.orig" ]; then mv -f "$BUILD_COMMIT_FILE.orig" "$BUILD_COMMIT_FILE"; fi
}

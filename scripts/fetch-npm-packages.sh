#!/usr/bin/env bash
# Fetches the pinned npm packages that ship Go js/wasm programs, for conformance/npm/
# and conformance's inspect tests.
#
#   scripts/fetch-npm-packages.sh        -> prints the .tools/npm directory as its last line
#
# For each package it runs `npm pack <name>@<version>` (npm checks the tarball against the
# registry's integrity field) with a project-local cache (.tools/npm-cache, nothing goes into
# ~/.npm), and extracts the tarball into .tools/npm/<dirname>/package/. The marker file
# .tools/npm/<dirname>/.complete is written last: a package with its marker is skipped, an
# interrupted fetch is redone from scratch. The packages are never committed (.tools is
# gitignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.tools/npm"
cache="$root/.tools/npm-cache"

# name@version  dirname
packages=(
  "esbuild-wasm@0.28.2 esbuild-wasm-0.28.2"
  "@astrojs/compiler@4.0.0 astrojs-compiler-4.0.0"
  "@terrastruct/d2@0.1.33 terrastruct-d2-0.1.33"
  # Module kinds gojs inspects but does not run yet (issue 10): Go 1.20 (imports "go")
  # and TinyGo (imports "gojs" with direct arguments, and WASI).
  "esbuild-wasm@0.20.2 esbuild-wasm-0.20.2"
  "sh-syntax@0.7.0 sh-syntax-0.7.0"
)

if ! command -v npm >/dev/null 2>&1; then
  echo "$0: npm is not on PATH (Node 20 with npm is needed)" >&2
  exit 1
fi
mkdir -p "$dest" "$cache"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "$0: $1: $2" >&2
  exit 1
}

for entry in "${packages[@]}"; do
  read -r spec dir <<<"$entry"
  target="$dest/$dir"
  if [ -f "$target/.complete" ] && [ -f "$target/package/package.json" ]; then
    continue
  fi
  rm -rf "$target"
  work="$tmp/$dir"
  mkdir -p "$work"
  echo "fetching $spec" >&2
  if ! (cd "$work" && npm pack --silent --cache "$cache" --logs-dir "$cache/_logs" --pack-destination "$work" "$spec" \
    >"$work/pack.out" 2>"$work/pack.err"); then
    # --silent hides npm's reason: ask again at log level "error" to show it.
    (cd "$work" && npm pack --loglevel error --cache "$cache" --logs-dir "$cache/_logs" \
      --pack-destination "$work" "$spec" >/dev/null 2>"$work/pack.err") || true
    sed 's/^/  npm: /' "$work/pack.err" >&2
    fail "$spec" "npm pack failed (npm's messages above)"
  fi
  tarball=$(tail -n 1 "$work/pack.out")
  if [ -z "$tarball" ] || [ ! -f "$work/$tarball" ]; then
    cat "$work/pack.out" "$work/pack.err" >&2
    fail "$spec" "npm pack did not report a tarball"
  fi
  mkdir -p "$work/x"
  if ! tar -xzf "$work/$tarball" -C "$work/x"; then
    fail "$spec" "could not extract $tarball"
  fi
  if [ ! -f "$work/x/package/package.json" ]; then
    fail "$spec" "$tarball has no package/package.json"
  fi
  # The tarball must hold the version we pinned (guards against a wrong spec or dist-tag).
  want=${spec##*@}
  got=$(node -e 'process.stdout.write(require(process.argv[1]).version)' "$work/x/package/package.json")
  if [ "$got" != "$want" ]; then
    fail "$spec" "tarball holds version $got, not $want"
  fi
  mkdir -p "$target"
  mv "$work/x/package" "$target/package"
  touch "$target/.complete"
  rm -rf "$work"
done

echo "$dest"

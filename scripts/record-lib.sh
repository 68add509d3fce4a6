# Sourced by the record-*-goldens.sh scripts that run a command per case.
#
#   record_case DIR NAME STDIN COMMAND [ARGS...]
#
# runs COMMAND twice (timeout 60 s) with stdin from STDIN, and writes its stdout, stderr
# and exit code (as text + newline) to DIR/NAME.stdout, .stderr and .code. Exits the
# script if the two runs differ: goldens must be deterministic.
record_case() {
  local dir=$1 name=$2 input=$3
  shift 3
  local work i ext
  work=$(mktemp -d)
  for i in 1 2; do
    set +e
    timeout 60 "$@" <"$input" >"$work/$i.stdout" 2>"$work/$i.stderr"
    echo $? >"$work/$i.code"
    set -e
  done
  for ext in stdout stderr code; do
    if ! cmp -s "$work/1.$ext" "$work/2.$ext"; then
      echo "$0: NONDETERMINISTIC: $name: $ext differs between two runs" >&2
      diff "$work/1.$ext" "$work/2.$ext" | head -n 20 >&2 || true
      rm -rf "$work"
      exit 1
    fi
    mv "$work/1.$ext" "$dir/$name.$ext"
  done
  rm -rf "$work"
}

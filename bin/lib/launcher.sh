# Shared by bin/nexus and bin/nexus-spark: build on first use or when the sources changed, safely when several runs
# start at once. Sourced, not run; needs ROOT set to the repository root.

# True when $1 is missing or any file under the rest (source folders, poms) is newer than it.
stale() { # $1 file, rest: source folders and files
  local file="$1"; shift
  [[ ! -e "$file" ]] && return 0
  [[ -n "$(find "$@" "$ROOT/pom.xml" -newer "$file" -type f -print -quit 2>/dev/null)" ]]
}

# Runs "$@" holding the build lock, so that concurrent first runs build once: the others wait for the lock, find what
# they need fresh and build nothing. The lock file lives in the git-ignored target/ folder of the repository root.
with_build_lock() {
  mkdir -p "$ROOT/target"
  local fd
  exec {fd}>"$ROOT/target/nexus-build.lock"
  flock -x "$fd"
  local status=0
  "$@" || status=$?
  flock -u "$fd"
  exec {fd}>&-
  return "$status"
}

# Builds the Maven modules $1 (and what they need) and copies the jar $2 to $3 when $3 is stale against the sources
# that follow. Runs start from the copy, which is replaced by a rename, never rewritten in place: a run that started
# on the old one keeps it, and none sees a half-written jar while Maven writes its own.
ensure_built() { # $1 modules for -pl, $2 jar Maven builds, $3 the copy runs start from, rest: sources
  stale "$3" "${@:4}" || return 0
  with_build_lock build_if_stale "$@"
}

build_if_stale() {
  local modules="$1" built="$2" copy="$3"; shift 3
  stale "$copy" "$@" || return 0  # another run built it while this one waited for the lock
  echo "nexus: building $modules (first use or sources changed)..." >&2
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl "$modules" -am install) >&2
  mkdir -p "$(dirname "$copy")"
  cp "$built" "$copy.$$.tmp"
  mv -f "$copy.$$.tmp" "$copy"
}

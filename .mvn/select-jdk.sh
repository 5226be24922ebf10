# Sourced by ./mvnw and .ci/run: makes JAVA_HOME name a JDK 21 or newer.
#
# mitm4j compiles with --release 21 and runs on virtual threads, so the build needs JDK >= 21.
# Many machines default to an older `java` (Debian 12's is 17) while a newer JDK sits beside it.
# Order of preference: JAVA_HOME if it is new enough, then the `java` on PATH, then the newest
# JDK found under the usual install roots. Without any, stop at once and say what to install.

mitm4j_jdk_major() {
  # Prints the feature release of the JDK at $1 ("17.0.15" -> 17, "25" -> 25, "1.8.0" -> 1).
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || { echo 0; return; }
  "$1/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9]*\).*/\1/p' | grep . || echo 0
}

mitm4j_select_jdk() {
  _mitm4j_min=21
  if [ -n "${JAVA_HOME-}" ] && [ "$(mitm4j_jdk_major "$JAVA_HOME")" -ge $_mitm4j_min ]; then
    return 0
  fi
  _mitm4j_best="" _mitm4j_best_major=0
  _mitm4j_path_java=$(command -v java 2>/dev/null || true)
  [ -n "$_mitm4j_path_java" ] && _mitm4j_path_java=$(dirname "$(dirname "$(readlink -f "$_mitm4j_path_java")")")
  _mitm4j_restore_glob=$(case $- in *f*) echo yes;; esac)
  set +f
  for _mitm4j_candidate in "$_mitm4j_path_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$_mitm4j_candidate" ] && [ -d "$_mitm4j_candidate" ] || continue
    _mitm4j_major=$(mitm4j_jdk_major "$_mitm4j_candidate")
    if [ "$_mitm4j_major" -gt "$_mitm4j_best_major" ]; then
      _mitm4j_best=$_mitm4j_candidate _mitm4j_best_major=$_mitm4j_major
    fi
  done
  [ "$_mitm4j_restore_glob" = yes ] && set -f
  if [ "$_mitm4j_best_major" -ge $_mitm4j_min ]; then
    JAVA_HOME=$_mitm4j_best
    export JAVA_HOME
    return 0
  fi
  echo "mitm4j needs a JDK $_mitm4j_min or newer to build, and none was found" >&2
  echo "  (JAVA_HOME=${JAVA_HOME-unset}; newest JDK seen: ${_mitm4j_best:-none} ${_mitm4j_best_major})." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build, or set JAVA_HOME to it." >&2
  return 1
}

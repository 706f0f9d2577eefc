#!/usr/bin/env bash
# Crosswalk launcher. Builds the jar on first use (or when the sources changed), then runs a command:
#   ./run.sh                 the demo: reconcile sample-data/ against the bundled Graph API emulator
#   ./run.sh COMMAND --help  reconcile, resume, status, explain, forget, emulator, generate, bench
# Extra JVM options: CROSSWALK_JAVA_OPTS (e.g. -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")"

jar=target/crosswalk.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building Crosswalk (first run, or the sources changed)..." >&2
  mvn -q -B -Dmaven.test.skip=true package >&2
fi
# Run from the jar unpacked into target/app (Spring Boot's extract layout): classes load from plain jars instead of
# jars nested in the fat jar, which took 2 s off every start on the 2-core build machine (docs/benchmarks.md).
app=target/app
if [ ! -f "$app/crosswalk.jar" ] || [ "$jar" -nt "$app/crosswalk.jar" ]; then
  rm -rf "$app"
  java -Djarmode=tools -jar "$jar" extract --destination "$app" >&2
  touch "$app/crosswalk.jar"
fi
# shellcheck disable=SC2086
exec java ${CROSSWALK_JAVA_OPTS:-} -jar "$app/crosswalk.jar" "$@"

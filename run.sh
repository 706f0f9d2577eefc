#!/usr/bin/env bash
# Crosswalk launcher. Builds the jar on first use (or when the sources changed), then runs a command:
#   ./run.sh                 the demo: reconcile sample-data/ against the bundled Graph API emulator
#   ./run.sh COMMAND --help  reconcile, resume, status, explain, forget, emulator, generate, bench
# Extra JVM options: CROSSWALK_JAVA_OPTS (e.g. -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")"

jar=target/crosswalk.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building Crosswalk (first run, or the sources changed)..." >&2
  ./mvnw -q -B -Dmaven.test.skip=true package >&2
fi
# Run from the jar unpacked into target/app (Spring Boot's extract layout): classes load from plain jars instead of
# jars nested in the fat jar, which took 2 s off every start on the 2-core build machine (docs/benchmarks.md).
app=target/app
if [ ! -f "$app/crosswalk.jar" ] || [ "$jar" -nt "$app/crosswalk.jar" ]; then
  rm -rf "$app"
  java -Djarmode=tools -jar "$jar" extract --destination "$app" >&2
  touch "$app/crosswalk.jar"
fi
# Class-data sharing: the JVM maps the classes a start needs from an archive instead of loading and verifying them
# from the jars again (a start 1.9-2.2 s -> 1.4 s on the build machine, docs/benchmarks.md). The archive is made once
# per build by a training run of the bundled demo that touches nothing of yours: built-in settings only (not
# ./config), the bundled emulator, an in-memory database, a temporary output folder. It is written under a name of
# its own and moved into place, so two starts at once never map half an archive; the JVM ignores an archive it
# cannot use, and its cds logging is off so that nothing of this reaches a command's output.
main_jar=$PWD/$app/crosswalk.jar
archive=$PWD/$app/crosswalk.jsa
cds=(-Xlog:cds=off -Xlog:cds+dynamic=off)
if [ ! -f "$archive" ] && [ ! -f "$archive.failed" ]; then
  echo "Preparing the start-up archive (once per build)..." >&2
  training=$(mktemp -d)
  java "${cds[@]}" -XX:ArchiveClassesAtExit="$archive.$$" -jar "$main_jar" reconcile \
    --spring.config.location=classpath:/application.yml --crosswalk.emulator.enabled=true \
    --crosswalk.emulator.fixture=sample-data/fixture.json --crosswalk.input.csv=sample-data/customers.csv \
    --db-url jdbc:h2:mem:training --out "$training/out" >"$training/log" 2>&1 || true
  # without an archive every start works as before; the marker keeps them from training again until the next build
  if [ -s "$archive.$$" ]; then mv -f "$archive.$$" "$archive"; else touch "$archive.failed"; fi
  rm -rf "$training" "$archive.$$"
fi
if [ -f "$archive" ]; then
  cds+=(-XX:SharedArchiveFile="$archive")
fi
# The optimising (C2) compiler starts on a method after 4x the JVM's usual number of calls and loops: in a run of
# seconds to minutes it took half the job's CPU, compiling code that ran warm, not hot, on cores the job and its
# database need (scenario 1 of the bench 20.6-21.8 -> 19.5-20.2 s, scenario 3 no slower; docs/benchmarks.md).
jit=(-XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400 -XX:Tier4CompileThreshold=60000
  -XX:Tier4BackEdgeThreshold=160000)
# shellcheck disable=SC2086
exec java "${cds[@]}" "${jit[@]}" ${CROSSWALK_JAVA_OPTS:-} -jar "$main_jar" "$@"

#!/usr/bin/env bash
# The Native AOT guard: publishes tests/Picopyn.AotSmoke with PublishAot, fails on any IL warning (trim or AOT
# analysis, from our code or a package's), then runs the native binary against an emulated 2-instance cluster
# and checks that it says "aot smoke: ok".
# Usage: bash tests/Picopyn.AotSmoke/run.sh   (after a Release build of the solution)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/picopyn-aot.XXXXXX)"
cluster=""
cleanup() {
  # The emulated cluster stops its PostgreSQL servers and deletes its files on SIGTERM.
  if [ -n "$cluster" ] && kill -0 "$cluster" 2>/dev/null; then
    kill -TERM "$cluster"
    wait "$cluster" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish "$root/tests/Picopyn.AotSmoke" -c Release -r linux-x64 -o "$work/app" --nologo 2>&1 | tee "$work/publish.log"
if grep -E "(warning|error) IL[0-9]{4}" "$work/publish.log"; then
  echo "aot: the Native AOT publish reported IL warnings (above)" >&2
  exit 1
fi
echo "aot: published $(du -h "$work/app/Picopyn.AotSmoke" | cut -f1) native binary with no IL warning"

"$root/samples/EmulatedCluster/bin/Release/net10.0/EmulatedCluster" --instances 2 > "$work/cluster.log" 2>&1 &
cluster=$!
for _ in $(seq 1 180); do
  grep -q '^DSN: ' "$work/cluster.log" && break
  kill -0 "$cluster" 2>/dev/null || { cat "$work/cluster.log" >&2; echo "aot: the emulated cluster did not start" >&2; exit 1; }
  sleep 1
done
dsn="$(grep '^DSN: ' "$work/cluster.log" | cut -c6-)"
[ -n "$dsn" ] || { cat "$work/cluster.log" >&2; echo "aot: the emulated cluster printed no DSN" >&2; exit 1; }

"$work/app/Picopyn.AotSmoke" "$dsn" | tee "$work/smoke.log"
grep -qx "aot smoke: ok" "$work/smoke.log" || { echo "aot: the native binary did not report success" >&2; exit 1; }

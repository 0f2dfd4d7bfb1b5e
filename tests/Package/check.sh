#!/usr/bin/env bash
# Packs Picopyn (runtime + generator) and Picopyn.Testing into a local folder feed, then builds and
# runs a fresh app outside the repository that consumes them by package name and runs a typed query.
# Usage: bash tests/Package/check.sh   (after a Release build of the solution)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/picopyn-package.XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.0.0-check.$(date +%s)"

dotnet pack "$root/src/Picopyn.Runtime" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
dotnet pack "$root/src/Picopyn.Testing" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
dotnet pack "$root/src/Picopyn.DependencyInjection" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
dotnet pack "$root/src/Picopyn.OpenTelemetry" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
# The container cluster packs too (a fresh app cannot run it without Docker; the container tests do).
dotnet pack "$root/src/Picopyn.Testing.Containers" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
# unzip exits non-zero when the named member is absent. (Not `unzip -l | grep -q`: under pipefail, grep's early exit
# kills unzip with SIGPIPE and a package that does carry the generator fails the check.)
unzip -l "$work/feed/Picopyn.$version.nupkg" "analyzers/dotnet/cs/Picopyn.Generators.dll" > /dev/null \
  || { echo "package check: the Picopyn package does not carry the generator" >&2; exit 1; }

cp -r "$root/tests/Package/App" "$work/app"
cat > "$work/app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
# A private package cache: what is tested is the feed's package, never an older one of the same name.
export NUGET_PACKAGES="$work/packages"
dotnet run --project "$work/app" -p:PicopynVersion="$version" --nologo
echo "package check: a fresh project consumed Picopyn, Picopyn.DependencyInjection and Picopyn.OpenTelemetry $version from a local feed, ran typed queries, its health check and traces"

# The package's <PicoSchema> item reaches the generator: a misspelt column must fail the build with PICO302.
sed -i 's/select id, name, email from users/select id, nmae, email from users/' "$work/app/Program.cs"
if dotnet build "$work/app" -p:PicopynVersion="$version" --nologo -v quiet > "$work/broken.log" 2>&1; then
  echo "package check: a query naming a column the schema lacks compiled; the schema is not reaching the generator" >&2
  exit 1
fi
grep -F "PICO302" "$work/broken.log" > /dev/null \
  || { echo "package check: the build failed, but not with PICO302:" >&2; cat "$work/broken.log" >&2; exit 1; }
echo "package check: a column the schema lacks fails the build with PICO302"

# The picopyn tool installs from the feed as a dotnet tool and answers.
dotnet pack "$root/src/Picopyn.Cli" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" --nologo -v quiet
dotnet tool install Picopyn.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" > /dev/null
"$work/tools/picopyn" schema pull --help > "$work/help.txt"
grep -F -- "--dsn" "$work/help.txt" > /dev/null \
  || { echo "package check: 'picopyn schema pull --help' does not describe --dsn" >&2; cat "$work/help.txt" >&2; exit 1; }
echo "package check: the picopyn tool installs from the feed and runs"

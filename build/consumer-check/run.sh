#!/usr/bin/env bash
# Consumer check: the packages work for someone who only has NuGet.
#
#   1. dotnet pack (Release) of the solution into artifacts/packages (skip with --no-pack);
#   2. a fresh console project (this folder's ConsumerCheck.csproj + Program.cs, copied to a
#      temporary directory, outside the repository) references Sinch.Verification.Generated,
#      .AspNetCore and .Emulator by exact version. Its nuget.config takes packages named
#      Sinch.Verification.* from artifacts/packages only (package source mapping) and everything
#      else (Newtonsoft.Json, Polly.Core, ...) from nuget.org, into an empty packages folder, so
#      nothing can come from the source tree or from an older copy in the NuGet cache;
#   3. it builds and runs: emulator in-process, an SMS verification, report, SUCCESSFUL;
#   4. a class library for netstandard2.0 and net8.0 that logs with [LoggerMessage]
#      (LoggingLibrary/) builds against the main package without warnings;
#   5. the CLI package installs as a .NET tool and `sinch-verification demo` succeeds.
#
# Ends with "consumer check passed" and exit code 0, or says what failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
here="$root/build/consumer-check"
packages="$root/artifacts/packages"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

version="$(dotnet msbuild src/Sinch.Verification.Generated/Sinch.Verification.Generated.csproj -getProperty:Version)"

if [ "${1:-}" != "--no-pack" ]; then
  rm -f "$packages"/Sinch.Verification.*.nupkg "$packages"/Sinch.Verification.*.snupkg
  dotnet pack Sinch.Verification.Generated.sln -c Release -o "$packages" --nologo -v quiet -clp:NoSummary
fi

for id in Sinch.Verification.Generated Sinch.Verification.Generated.AspNetCore Sinch.Verification.Emulator Sinch.Verification.Generated.Cli; do
  for ext in nupkg snupkg; do
    [ -f "$packages/$id.$version.$ext" ] || { echo "consumer check: $packages/$id.$version.$ext was not produced" >&2; exit 1; }
  done
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app"
cp "$here/ConsumerCheck.csproj" "$here/Program.cs" "$work/app/"
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="Sinch.Verification.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
# An empty packages folder: a package of the same version restored earlier cannot stand in.
export NUGET_PACKAGES="$work/packages"

cd "$work/app"
dotnet build --nologo -v quiet --configfile "$work/nuget.config" -p:SinchVersion="$version" -o "$work/app/out" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; echo "consumer check: the console project did not build against the packages" >&2; exit 1; }
dotnet "$work/app/out/ConsumerCheck.dll"

# What the main package holds, as NuGet extracted it: every framework with its XML docs, and the spec.
main="$NUGET_PACKAGES/sinch.verification.generated/$version"
for file in lib/netstandard2.0/Sinch.Verification.Generated.xml lib/net8.0/Sinch.Verification.Generated.xml \
            lib/net10.0/Sinch.Verification.Generated.xml spec/sinch-verification.yaml spec/signing-vectors.json README.md; do
  [ -f "$main/$file" ] || { echo "consumer check: the package Sinch.Verification.Generated has no $file" >&2; exit 1; }
done

# Every package shows its own short readme (not the 50 KB repository README) and the icon.
for nupkg in "$packages"/*."$version".nupkg; do
  python3 - "$nupkg" <<'PY' || exit 1
import sys, zipfile
package = zipfile.ZipFile(sys.argv[1]); names = set(package.namelist()); name = sys.argv[1].rsplit("/", 1)[-1]
problems = [f"no {f}" for f in ("README.md", "icon.png") if f not in names]
if "README.md" in names and len(package.read("README.md")) > 16_000:
    problems.append(f"a README of {len(package.read('README.md'))} bytes: the package should carry its own short one")
if problems:
    sys.exit(f"consumer check: {name}: " + "; ".join(problems))
PY
done
echo "consumer check: every package carries its own readme and the icon"

cp -r "$here/LoggingLibrary" "$work/"
dotnet build "$work/LoggingLibrary" --nologo -v quiet --configfile "$work/nuget.config" -p:SinchVersion="$version" >"$work/library.log" 2>&1 \
  || { cat "$work/library.log" >&2; echo "consumer check: a netstandard2.0/net8.0 library using [LoggerMessage] did not build against the package" >&2; exit 1; }
echo "consumer check: a netstandard2.0 + net8.0 library with [LoggerMessage] builds against the package"

dotnet tool install Sinch.Verification.Generated.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null
"$work/tools/sinch-verification" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; echo "consumer check: sinch-verification demo failed" >&2; exit 1; }
tail -n 1 "$work/demo.log" | sed 's/^/consumer check: installed tool: sinch-verification demo: /'

echo "consumer check passed ($version)"

#!/usr/bin/env bash
# Compiles deploy/main.bicep (and main.bicepparam) to ARM JSON with the Bicep CLI and fails on any error
# or warning (compiler diagnostics and the default linter rules). The Bicep CLI comes from its NuGet
# package (Azure.Bicep.CommandLine.<rid>) and is installed into deploy/.tools/ (git-ignored), not globally.
#
#   deploy/check.sh            # install once (~120 MB), then build; output in deploy/.tools/out/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
BICEP_VERSION="${BICEP_VERSION:-0.49.2}"

case "$(uname -m)" in
  x86_64 | amd64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
package="Azure.Bicep.CommandLine.${rid}"
tools="$here/.tools"
bicep="$tools/nuget/$(tr '[:upper:]' '[:lower:]' <<<"$package")/$BICEP_VERSION/tools/bicep"

if [ ! -x "$bicep" ]; then
  echo "Installing $package $BICEP_VERSION into deploy/.tools ..."
  # A throw-away project outside the repository (so the repository's Directory.*.props do not apply)
  # whose only job is to download the package into deploy/.tools/nuget.
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat >"$work/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$package" Version="[$BICEP_VERSION]" /></ItemGroup>
</Project>
XML
  dotnet restore "$work/bicep-download.csproj" --packages "$tools/nuget" --nologo -v quiet
  chmod +x "$bicep"
fi
"$bicep" --version

out="$tools/out"
mkdir -p "$out"
status=0

check() { # label, then the command; fails on a non-zero exit or any diagnostic line
  local label=$1 log
  shift
  log="$("$@" 2>&1)" || status=1
  if grep -E ' : (Error|Warning|Info) ' <<<"$log" >&2; then status=1; fi
  local errors warnings
  errors=$(grep -c ' : Error ' <<<"$log" || true)
  warnings=$(grep -c ' : Warning ' <<<"$log" || true)
  echo "$label: $errors errors, $warnings warnings"
}

check "main.bicep" "$bicep" build "$here/main.bicep" --outfile "$out/main.json"

# main.bicepparam reads these from the environment; placeholders are enough to compile it.
BOT_APP_ID="${BOT_APP_ID:-00000000-0000-0000-0000-000000000001}" \
BOT_APP_PASSWORD="${BOT_APP_PASSWORD:-placeholder}" \
BOT_TENANT_ID="${BOT_TENANT_ID:-00000000-0000-0000-0000-000000000002}" \
WEB_LINK_KEY="${WEB_LINK_KEY:-placeholder-link-key-0123456789abcdef}" \
  check "main.bicepparam" "$bicep" build-params "$here/main.bicepparam" --outfile "$out/main.parameters.json"
rm -f "$out/main.parameters.json" # it holds the values it was built with; only the check matters

[ "$status" -eq 0 ] && echo "ARM template: deploy/.tools/out/main.json"
exit "$status"

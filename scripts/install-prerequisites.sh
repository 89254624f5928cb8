#!/usr/bin/env bash
# Installs what the demo and the tests need beyond Node.js, when it is missing:
# Java 17 for AWS's DynamoDB Local, the C toolchain that builds aws-lambda-ric (the AWS
# Lambda runtime interface client the local runner uses), and on x64 qemu's user-mode
# emulator with arm64's C and C++ libraries, with which buildLambda() runs an arm64 Node.js
# to make an arm64 function's compile cache. Debian/Ubuntu, as root.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
for tool in make g++ autoconf automake libtoolize cmake; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case "$tool" in
      g++) missing+=(g++) ;;
      libtoolize) missing+=(libtool) ;;
      *) missing+=("$tool") ;;
    esac
  fi
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "$(uname -m)" = "x86_64" ]; then
  command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
  [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || missing+=(libc6-arm64-cross)
  [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || missing+=(libstdc++6-arm64-cross)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing prerequisites: ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (as root: apt-get install -y ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null

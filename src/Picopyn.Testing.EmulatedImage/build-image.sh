#!/usr/bin/env bash
# Builds the emulated Picodata image (picopyn/emulated-picodata:local) that the container tests run, from Debian
# packages — the package mirror this machine's apt uses — never from an image registry.
#
# The base (a debootstrap root filesystem with PostgreSQL 15) is made once and kept as
# picopyn/emulated-picodata-base:bookworm-pg15; the program layer is tagged with a hash of what it holds, so an
# unchanged program is not built again. Older program images this script made are removed. Needs root (debootstrap)
# and a Docker engine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
base=picopyn/emulated-picodata-base:bookworm-pg15
repository=picopyn/emulated-picodata
image=${PICOPYN_EMULATED_IMAGE:-$repository:local}

mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)}
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/picopyn-image.XXXXXX)
trap 'rm -rf "$work"' EXIT

if ! docker image inspect "$base" > /dev/null 2>&1; then
    command -v debootstrap > /dev/null || apt-get install -y -q debootstrap > /dev/null
    echo "emulated image: making the base from $mirror (debootstrap, about a minute)"
    debootstrap --variant=minbase --include=postgresql-15 bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; exit 1; }
    rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
    tar -C "$work/rootfs" -c . | docker import --change 'LABEL io.picopyn.image=emulated-picodata-base' - "$base" > /dev/null
    rm -rf "$work/rootfs"
fi

dotnet publish "$here" -c Release -r linux-x64 --self-contained -o "$work/app" -v q -nologo > "$work/publish.log" 2>&1 \
    || { cat "$work/publish.log"; exit 1; }
hash=$(cd "$work/app" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
if docker image inspect "$repository:$hash" > /dev/null 2>&1; then
    echo "emulated image: $repository:$hash is up to date"
else
    cp "$here/Dockerfile" "$work/"
    DOCKER_BUILDKIT=0 docker build -q -t "$repository:$hash" "$work" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
    echo "emulated image: built $repository:$hash"
fi
docker tag "$repository:$hash" "$image"

# Keep only this program's image (and its tags): older ones, and the layers only they held, go.
docker image ls "$repository" --format '{{.Repository}}:{{.Tag}}' \
    | grep -v -x -e "$repository:$hash" -e "$image" -e "$repository:<none>" | xargs -r docker rmi > /dev/null || true
docker image prune -f --filter label=io.picopyn.image=emulated-picodata > /dev/null

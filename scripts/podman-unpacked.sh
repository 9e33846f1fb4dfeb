#!/usr/bin/env bash
# A real podman for the container suite without installing it: Debian's podman 4.3.1 .debs (and the few libraries and
# helpers it needs) unpacked into DIR, with every piece of state (storage, run files, networks) under DIR/state. The
# host's runc runs the containers; slirp4netns gives them a network and publishes ports without touching the host
# firewall. Installing podman from Debian would upgrade login and passwd, which purging does not undo.
# Usage: scripts/podman-unpacked.sh DIR   → prints DIR/bin (put it first on PATH to get `podman`). Needs apt-get.
set -euo pipefail
dir="$(mkdir -p "$1" && cd "$1" && pwd)"
root="$dir/root"
state="$dir/state"
mkdir -p "$dir/debs" "$root" "$state" "$dir/bin"
if [ ! -x "$root/usr/bin/podman" ]; then
	(cd "$dir/debs" && apt-get download -q podman conmon golang-github-containers-common golang-github-containers-image libgpgme11 libsubid4 slirp4netns libslirp0 catatonit >/dev/null 2>"$dir/download.log") \
		|| { tail -n 3 "$dir/download.log" >&2; echo "podman-unpacked: apt-get download failed" >&2; exit 1; }
	for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
fi
command -v runc >/dev/null || { echo "podman-unpacked: no runc on this machine (apt-get install runc, or docker.io)" >&2; exit 1; }
cat >"$state/containers.conf" <<CONF
[containers]
netns = "slirp4netns"
# Rootful podman raises the containers' open-file and process limits to its own maximum; where this machine's hard
# limits are lower (a sandbox), runc may not raise them: stay within them.
default_ulimits = ["nofile=$(ulimit -Sn):$(ulimit -Sn)", "nproc=4096:4096"]
[engine]
conmon_path = ["$root/usr/bin/conmon"]
helper_binaries_dir = ["$root/usr/bin", "$root/usr/libexec/podman"]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
network_cmd_path = "$root/usr/bin/slirp4netns"
network_cmd_options = ["port_handler=slirp4netns"]
static_dir = "$state/libpod"
tmp_dir = "$state/tmp"
volume_path = "$state/volumes"
[network]
network_config_dir = "$state/networks"
CONF
cat >"$state/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$state/storage"
runroot = "$state/run"
CONF
# The image-signature policy: containers/image reads \$HOME/.config/containers/policy.json before /etc/containers, so a
# HOME under the state folder gives it one without writing to /etc.
mkdir -p "$state/home/.config/containers"
cp "$root/etc/containers/policy.json" "$state/home/.config/containers/policy.json"
cat >"$dir/bin/podman" <<WRAP
#!/bin/sh
# podman 4.3.1 unpacked by scripts/podman-unpacked.sh; all state under $state.
export LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu"
export CONTAINERS_CONF="$state/containers.conf"
export CONTAINERS_STORAGE_CONF="$state/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$root/etc/containers/registries.conf"
export HOME="$state/home"
exec "$root/usr/bin/podman" "\$@"
WRAP
chmod +x "$dir/bin/podman"
"$dir/bin/podman" version --format '{{.Client.Version}}' >/dev/null || { echo "podman-unpacked: the unpacked podman does not start" >&2; exit 1; }
echo "$dir/bin"

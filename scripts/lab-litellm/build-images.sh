#!/usr/bin/env bash
# Build the real-LiteLLM lab images without any registry: a Debian bookworm root folder (debootstrap, from the
# mirror in the apt sources) with Python and the locked LiteLLM install (scripts/real-proxy/requirements.lock, uv
# from uv.lock.txt, both with hashes) inside, imported with `docker import` / `podman import`.
#   candidate  Debian bookworm, tini as PID 1, user litellm (UID 1000), uv, no shell
#   baseline   Debian bookworm (the stock image is Wolfi: not buildable here), root, /bin/sh, supervisord, pip
# Cached under $LITELLM_PARITY_CACHE (default ~/.cache/litellm-parity/lab-litellm): the debootstrap tarball and each
# side's finished root tarball, keyed by this script and the two lock files; a cached run only imports.
# Needs root (debootstrap, chroot). Prints "baseline=IMAGE" and "candidate=IMAGE" as its last two lines.
# Usage: scripts/lab-litellm/build-images.sh [docker|podman]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
runtime="${1:-docker}"
lock="$top/scripts/real-proxy/requirements.lock"
uvlock="$top/scripts/real-proxy/uv.lock.txt"
cache="${LITELLM_PARITY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/litellm-parity}/lab-litellm"
version="$(sed -n 's/^litellm\[proxy\]==\([0-9.]*\).*/\1/p' "$top/scripts/real-proxy/requirements.in")"

log() { printf '[lab-litellm] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap and chroot)"
[ -n "$version" ] || fail "no litellm[proxy]==VERSION in scripts/real-proxy/requirements.in"
command -v "$runtime" >/dev/null || fail "$runtime: command not found"
if ! command -v debootstrap >/dev/null; then
	log "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || fail "apt-get install debootstrap failed"
fi
mkdir -p "$cache" "$cache/uv-cache"
stamp="$(cat "$0" "$lock" "$uvlock" | sha256sum | cut -c1-16)"
total="$(now)"

work="$(mktemp -d /tmp/litellm-parity-lab-litellm.XXXXXX)"
mounted=()
cleanup() {
	for point in "${mounted[@]}"; do umount -l "$point" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

base="$cache/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
	start="$(now)"
	log "debootstrap --variant=minbase bookworm (once; cached in $base)"
	debootstrap --variant=minbase bookworm "$work/base" >"$work/debootstrap.log" 2>&1 || { tail -n 5 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
	tar --numeric-owner -C "$work/base" -cf "$base.part" . && mv "$base.part" "$base"
	rm -rf "$work/base"
	log "debootstrap done in $(since "$start") s"
fi

# The host's CA bundle during the build only: where PyPI is reached through a proxy with its own CA, the host trusts
# it and the fresh root folder does not. The finished image keeps Debian's own bundle.
host_ca="${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}"
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive \
		UV_CACHE_DIR=/var/cache/uv LC_ALL=C.UTF-8 PIP_CERT=/tmp/lock/ca.crt SSL_CERT_FILE=/tmp/lock/ca.crt "$@"
}

build_side() {
	local side="$1" packages
	root="$work/$side"
	mkdir -p "$root"
	tar -C "$root" -xf "$base"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	mount -t proc proc "$root/proc" && mounted+=("$root/proc")
	mkdir -p "$root/var/cache/uv" && mount --bind "$cache/uv-cache" "$root/var/cache/uv" && mounted+=("$root/var/cache/uv")
	packages="python3 python3-venv ca-certificates"
	[ "$side" = candidate ] && packages="$packages tini"
	[ "$side" = baseline ] && packages="$packages supervisor"
	log "$side: apt-get install $packages"
	in_root apt-get update -qq >"$work/$side-apt.log" 2>&1 || { tail -n 5 "$work/$side-apt.log" >&2; fail "$side: apt-get update failed"; }
	in_root apt-get install -y -qq --no-install-recommends $packages >>"$work/$side-apt.log" 2>&1 || { tail -n 5 "$work/$side-apt.log" >&2; fail "$side: apt-get install failed"; }
	mkdir -p "$root/tmp/lock" && cp "$lock" "$uvlock" "$root/tmp/lock/"
	if [ -f "$host_ca" ]; then cp "$host_ca" "$root/tmp/lock/ca.crt"; else cp "$root/etc/ssl/certs/ca-certificates.crt" "$root/tmp/lock/ca.crt"; fi
	log "$side: uv from uv.lock.txt, then litellm[proxy]==$version from requirements.lock (--require-hashes)"
	in_root python3 -m venv /opt/tools >>"$work/$side-apt.log" 2>&1
	in_root /opt/tools/bin/pip install -q --disable-pip-version-check --no-input --require-hashes -r /tmp/lock/uv.lock.txt >>"$work/$side-pip.log" 2>&1 || { tail -n 5 "$work/$side-pip.log" >&2; fail "$side: installing uv failed"; }
	if [ "$side" = candidate ]; then
		in_root /opt/tools/bin/uv venv -q --python /usr/bin/python3 /app/.venv >>"$work/$side-pip.log" 2>&1
		in_root /opt/tools/bin/uv pip install -q --python /app/.venv/bin/python --require-hashes -r /tmp/lock/requirements.lock >>"$work/$side-pip.log" 2>&1 || { tail -n 8 "$work/$side-pip.log" >&2; fail "$side: installing litellm failed"; }
		install -m 0755 "$root/opt/tools/bin/uv" "$root/usr/local/bin/uv"
		echo 'litellm:x:1000:1000:litellm:/app:/usr/sbin/nologin' >>"$root/etc/passwd"
		echo 'litellm:x:1000:' >>"$root/etc/group"
		echo 'litellm:!:20000::::::' >>"$root/etc/shadow"
		chown -R 1000:1000 "$root/app"
		# No shell: the plan's "docker exec sh should fail".
		rm -f "$root"/usr/bin/sh "$root"/usr/bin/dash "$root"/usr/bin/bash "$root"/usr/bin/rbash
	else
		# The stock image's pip: a venv made by Python's own venv module carries it.
		in_root python3 -m venv /app/venv >>"$work/$side-pip.log" 2>&1
		in_root /opt/tools/bin/uv pip install -q --python /app/venv/bin/python --require-hashes -r /tmp/lock/requirements.lock >>"$work/$side-pip.log" 2>&1 || { tail -n 8 "$work/$side-pip.log" >&2; fail "$side: installing litellm failed"; }
		mkdir -p "$root/app/docker"
		cat >"$root/app/docker/prod_entrypoint.sh" <<'ENTRY'
#!/bin/sh
# litellm-parity lab: like the stock image's docker/prod_entrypoint.sh, handing the proxy to supervisord.
{
	echo '[program:litellm]'
	echo "command=/app/venv/bin/litellm $*"
	echo 'stdout_logfile=/dev/stdout'
	echo 'stdout_logfile_maxbytes=0'
	echo 'redirect_stderr=true'
	echo 'autorestart=true'
	echo 'stopsignal=TERM'
} >/etc/supervisor/conf.d/litellm.conf
exec /usr/bin/supervisord -n -c /etc/supervisor/supervisord.conf
ENTRY
		chmod 0755 "$root/app/docker/prod_entrypoint.sh"
		# supervisord's own log to the container's output too, as the stock image's supervisord.conf does.
		sed -i 's|^logfile=.*|logfile=/dev/stdout\nlogfile_maxbytes=0|' "$root/etc/supervisor/supervisord.conf"
	fi
	rm -rf "$root/opt/tools" "$root/tmp/lock" "$root/var/lib/apt/lists"/* "$root/var/cache/apt"/*.bin
	for point in "$root/var/cache/uv" "$root/proc"; do umount "$point"; done
	mounted=()
	: >"$root/etc/resolv.conf"
	tar --numeric-owner -C "$root" -cf "$cache/$side-$stamp.tar.part" . && mv "$cache/$side-$stamp.tar.part" "$cache/$side-$stamp.tar"
	rm -rf "$root"
}

import_side() {
	local side="$1" image="litellm-parity-litellm-$1:$version"
	local -a changes
	if [ "$side" = candidate ]; then
		changes=(--change 'USER litellm' --change 'WORKDIR /app' --change 'ENV PATH=/app/.venv/bin:/usr/local/bin:/usr/bin:/bin'
			--change 'ENV HOME=/app' --change 'ENV LITELLM_LOCAL_MODEL_COST_MAP=True'
			--change 'ENTRYPOINT ["/usr/bin/tini", "--", "/app/.venv/bin/litellm"]' --change 'CMD ["--port", "4000"]' --change 'EXPOSE 4000')
	else
		changes=(--change 'USER root' --change 'WORKDIR /app' --change 'ENV PATH=/app/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
			--change 'ENV LITELLM_LOCAL_MODEL_COST_MAP=True'
			--change 'ENTRYPOINT ["/app/docker/prod_entrypoint.sh"]' --change 'CMD ["--port", "4000"]' --change 'EXPOSE 4000')
	fi
	"$runtime" import "${changes[@]}" --change "LABEL io.litellm-parity.lab-litellm=$version" "$cache/$side-$stamp.tar" "$image" >/dev/null
	echo "$image"
}

declare -A images
for side in baseline candidate; do
	if [ -f "$cache/$side-$stamp.tar" ]; then
		log "$side: cached root ($cache/$side-$stamp.tar)"
	else
		start="$(now)"
		build_side "$side"
		log "$side: root folder built in $(since "$start") s"
	fi
	start="$(now)"
	images[$side]="$(import_side "$side")"
	log "$side: imported as ${images[$side]} in $(since "$start") s ($(du -m "$cache/$side-$stamp.tar" | cut -f1) MiB)"
done
log "images ready in $(since "$total") s"
echo "baseline=${images[baseline]}"
echo "candidate=${images[candidate]}"

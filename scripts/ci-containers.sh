#!/usr/bin/env bash
# The container suite in CI: a real Docker engine, the lab (two sides and their mock upstream), the container and
# performance rows, and the real-engine tests.
# - installs docker.io when dockerd is missing (as root, Debian/Ubuntu);
# - starts dockerd with --iptables=false --ip-forward=false, which leave the host firewall and ip_forward alone;
# - stops only what it started: the dockerd PID it launched and the lab it brought up.
# Where no engine can run it says why and FAILS: a container suite that could not run is not a pass.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '[containers] %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

work="$(mktemp -d)"
# The lab's profile goes to a throwaway store, not to the user's.
export LITELLM_PARITY_HOME="$work/home"
dockerd_pid=""
lab_is_up=""
status=0

cleanup() {
	if [ -n "$lab_is_up" ]; then node dist/source/cli.js lab down || true; fi
	if [ -n "$dockerd_pid" ]; then
		log "stopping the dockerd this script started (pid $dockerd_pid)"
		kill -TERM "$dockerd_pid" 2>/dev/null || true
		for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
		kill -0 "$dockerd_pid" 2>/dev/null && kill -KILL "$dockerd_pid" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT

engine_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

reason=""
if ! engine_answers; then
	if ! command -v dockerd >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
			log "installing docker.io"
			start="$(now)"
			if DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$work/apt.log" 2>&1 &&
				DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >>"$work/apt.log" 2>&1; then
				log "docker.io installed in $(since "$start") s"
			else
				reason="apt-get install docker.io failed: $(tail -n 1 "$work/apt.log")"
			fi
		else
			reason="no dockerd on this machine, and it cannot be installed here (needs root and apt-get)"
		fi
	fi

	if [ -z "$reason" ] && ! command -v docker >/dev/null 2>&1; then reason="docker: command not found"; fi
	if [ -z "$reason" ]; then
		# A pid file left by an engine that is gone blocks a new start; one of a live engine is never touched.
		if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
		start="$(now)"
		setsid nohup dockerd --iptables=false --ip-forward=false >"$work/dockerd.log" 2>&1 </dev/null &
		dockerd_pid=$!
		for _ in $(seq 1 60); do engine_answers && break; kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
		if engine_answers; then
			log "dockerd started (pid $dockerd_pid) in $(since "$start") s"
		else
			reason="dockerd did not start: $(tail -n 1 "$work/dockerd.log")"
			sed 's/^/[dockerd] /' "$work/dockerd.log" | tail -n 20
		fi
	fi
fi

if [ -z "$reason" ]; then
	log "engine: docker $(docker version --format '{{.Server.Version}}')"
	npm run build --silent || exit 1
	start="$(now)"
	if node dist/source/cli.js lab up; then
		lab_is_up=1
		log "lab up (images built, containers ready) in $(since "$start") s"
		log "run --profile lab --category security --category known-differences"
		node dist/source/cli.js run --profile lab --category security --category known-differences || status=1
		log "run --profile lab --category performance: cold start, overhead through the lab's mock upstream, throughput, idle memory and CPU"
		node dist/source/cli.js run --profile lab --category performance || status=1
		log "run --profile lab: logging, training entrypoint"
		node dist/source/cli.js run --profile lab --check observability.logging --check llmrouter.training-pipeline || status=1
		# Proof the overhead row's proxied calls really went through both proxies to the upstream container.
		log "mock upstream calls by source address (host gateway = direct, the others = the two proxies):"
		docker logs litellm-parity-lab-upstream 2>/dev/null | awk '/POST \/v1\/chat\/completions/ { n[$2]++ } END { for (a in n) printf "[containers]   %s %d\n", a, n[a] }'
		node dist/source/cli.js lab down || status=1
		lab_is_up=""
	else
		log "lab up failed"
		lab_is_up=1
		status=1
	fi
else
	log "container suite FAILED: no container engine: $reason"
	status=1
fi

# Without an engine the suite's own gate test fails and says why (it never reports a pass by skipping).
log "npm run test:containers"
npm run test:containers || status=1
exit "$status"

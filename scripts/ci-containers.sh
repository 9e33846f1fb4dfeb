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
		# The stand-ins carry no Python, so the supply-chain row runs on the real-LiteLLM lab below.
		log "run --profile lab: security (without the supply-chain row) and known-differences"
		node dist/source/cli.js run --profile lab --check security.non-root --check security.no-shell --check security.secret-handling --check security.tls --category known-differences || status=1
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

# Podman: Debian's podman 4.3.1 unpacked (nothing installed on the host), first on PATH for the suite, which then
# must find it (LITELLM_PARITY_PODMAN_SUITE=1 turns a missing podman into a failure).
if [ -z "$reason" ]; then
	start="$(now)"
	if podman_bin="$(scripts/podman-unpacked.sh "$work/podman")"; then
		export PATH="$podman_bin:$PATH" LITELLM_PARITY_PODMAN_SUITE=1
		log "podman $(podman version --format '{{.Client.Version}}') unpacked in $(since "$start") s (state under $work/podman)"
	else
		log "podman could not be set up: the podman tests will fail"
		export LITELLM_PARITY_PODMAN_SUITE=1
	fi
fi

# Without an engine the suite's own gate test fails and says why (it never reports a pass by skipping).
log "npm run test:containers"
start="$(now)"
npm run test:containers || status=1
log "container suite ran in $(since "$start") s"

# The lab with a REAL LiteLLM (the locked version, in Debian root folders built here): the container rows measure a
# real proxy. Slow the first time (debootstrap and two locked installs, ~5-10 min), so it has its own time limit;
# the plan's targets (cold start < 30 s, idle < 1 GB, < 10 % CPU) are reported, and only the tool's own errors fail.
if [ -z "$reason" ] && [ "${LITELLM_PARITY_CI_REAL_LAB:-1}" = 1 ]; then
	start="$(now)"
	export LITELLM_PARITY_CACHE="${LITELLM_PARITY_CACHE:-$work/cache}"
	if timeout 1800 scripts/lab-litellm/build-images.sh docker >"$work/real-images.out"; then
		log "real-LiteLLM images built in $(since "$start") s"
		baseline_image="$(sed -n 's/^baseline=//p' "$work/real-images.out")"
		candidate_image="$(sed -n 's/^candidate=//p' "$work/real-images.out")"
		start="$(now)"
		if timeout 900 node dist/source/cli.js lab up --name real --baseline-image "$baseline_image" --candidate-image "$candidate_image"; then
			log "real-LiteLLM lab up in $(since "$start") s"
			node dist/source/cli.js run --profile real --category security --category known-differences --fail-on error,both-fail || status=1
			node dist/source/cli.js run --profile real --check performance.cold-start --check performance.memory-idle --check performance.cpu-idle --check observability.logging --fail-on error || status=1
			node dist/source/cli.js lab down --name real || status=1
		else
			log "real-LiteLLM lab up FAILED"
			node dist/source/cli.js lab down --name real || true
			status=1
		fi
		docker rmi "$baseline_image" "$candidate_image" >/dev/null 2>&1 || true
	else
		log "building the real-LiteLLM images FAILED (or took more than 30 min):"
		status=1
	fi
fi
exit "$status"

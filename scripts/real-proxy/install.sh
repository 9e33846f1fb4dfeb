#!/usr/bin/env bash
# Install the pinned real LiteLLM proxy into a project-local virtual environment, from the lock files with hashes:
#   .venv-real/tools  uv (pinned in uv.lock.txt, installed by pip --require-hashes)
#   .venv-real/proxy  litellm[proxy] and its extras (requirements.lock, installed by uv --require-hashes)
# Cached: when the proxy venv already holds what the lock says (a hash of the lock is stored in it), nothing runs.
# Prints the proxy venv's litellm path on the last line. Exit 1 with a clear message when something is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
venv="${LITELLM_PARITY_REAL_VENV:-$top/.venv-real}"
lock="$here/requirements.lock"
uvlock="$here/uv.lock.txt"
log="$venv/install.log"

fail() { echo "real-proxy install: $*" >&2; exit 1; }

python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 || fail "no '$python' on PATH: install Python 3.9–3.13 (Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3"
"$python" -c 'import sys; sys.exit(0 if (3, 9) <= sys.version_info[:2] < (3, 14) else 1)' \
	|| fail "$("$python" --version 2>&1) is not supported by litellm 1.81: use Python 3.9–3.13 (set PYTHON=/path/to/python3)"
"$python" -c 'import venv, ensurepip' 2>/dev/null || fail "'$python' has no venv/ensurepip module: apt-get install python3-venv"

stamp_of() { cat "$lock" "$uvlock" | sha256sum | cut -d' ' -f1; }
want="$(stamp_of)"
if [[ -x "$venv/proxy/bin/litellm" && -f "$venv/proxy/.lock-sha256" && "$(cat "$venv/proxy/.lock-sha256")" == "$want" ]]; then
	echo "real-proxy install: up to date ($venv/proxy matches requirements.lock)" >&2
	echo "$venv/proxy/bin/litellm"
	exit 0
fi

mkdir -p "$venv"
: >"$log"
# Run a step, keeping its output in the log; on failure show the tail, which names the package or hash at fault.
step() {
	local what="$1"; shift
	echo "real-proxy install: $what" >&2
	if ! "$@" >>"$log" 2>&1; then
		echo "real-proxy install: FAILED while trying to $what (full log: $log). Last lines:" >&2
		tail -n 25 "$log" | sed 's/^/  | /' >&2
		exit 1
	fi
}

rm -f "$venv/proxy/.lock-sha256"
[[ -x "$venv/tools/bin/uv" ]] || {
	rm -rf "$venv/tools"
	step "create the tools venv" "$python" -m venv "$venv/tools"
	step "install uv from uv.lock.txt (pip --require-hashes)" "$venv/tools/bin/python" -m pip install --disable-pip-version-check --no-input --retries 2 --timeout 30 --require-hashes -r "$uvlock"
}
[[ -x "$venv/proxy/bin/python" ]] || step "create the proxy venv" "$venv/tools/bin/uv" venv --python "$python" "$venv/proxy"
step "install litellm[proxy] from requirements.lock (uv --require-hashes; a few minutes the first time)" \
	"$venv/tools/bin/uv" pip install --python "$venv/proxy/bin/python" --require-hashes -r "$lock"
[[ -x "$venv/proxy/bin/litellm" ]] || fail "the install finished but $venv/proxy/bin/litellm is missing (see $log)"
echo "$want" >"$venv/proxy/.lock-sha256"
echo "real-proxy install: done ($("$venv/proxy/bin/python" -c 'import importlib.metadata as m; print("litellm", m.version("litellm"))'))" >&2
echo "$venv/proxy/bin/litellm"

// The lab's help text, apart from lab.ts so that the command line can show it without loading the container code.

/** What the lab is and does, also the tail of `litellm-parity lab --help`. */
export const labNotes = `lab up builds two images of the embedded simulator without any registry (the host's node binary and its libraries,
docker import) and runs them on free loopback ports. They imitate the layout of the real images, not their Python
stack: the baseline like stock LiteLLM (Wolfi os-release, root, /bin/sh, prod_entrypoint.sh → supervisord, pip),
the candidate like LiteLLM + LLMRouter (Debian bookworm os-release, user litellm UID 1000, no /bin/sh, tini, uv,
/app/scripts/train_from_traces.py). The init, pip and uv are labelled stand-ins.
With --baseline-image/--candidate-image it runs those images instead, with a generated LiteLLM config, and records
each side's cold start (docker run → /health/readiness 200).
Either way a third container, a mock OpenAI upstream (built the same way), shares a lab network with the two sides:
their chat model forwards to it (no mock_response), and the profile's upstream is its loopback port, so the
overhead row compares direct and proxied calls: litellm-parity run --profile lab --check performance.overhead
It saves the profile LAB (default 'lab'): litellm-parity run --profile lab --category security
Images not on this machine are pulled first (time limit --pull-timeout, default 1200 s); every image that cannot
be had is named with the engine's cause before anything is built. Ctrl+C during lab up removes what it had created.
lab status shows each container's live state (running, paused, stopped, missing) and whether it answers.
lab down removes the lab's containers, its network, the images it built and its profile — nothing else.
The real LiteLLM in the lab: scripts/lab-litellm/build-images.sh builds a baseline and a candidate image running the
pinned LiteLLM proxy (Debian root folder, no registry), then lab up --baseline-image … --candidate-image … runs them.
`;

export const labHelp = `litellm-parity lab — a local baseline/candidate pair of containers for the container rows

Usage
  litellm-parity lab up [--runtime docker|podman] [--name LAB]
  litellm-parity lab up --baseline-image IMG --candidate-image IMG [--key KEY] [--pull-timeout SECONDS]
  litellm-parity lab status|down [--name LAB]

${labNotes}`;

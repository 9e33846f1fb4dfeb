// `litellm-parity --help`: the overview of every command and its main flags (each command's own help is generated
// from the flags it declares, see program.ts).

export const overviewHelp = `litellm-parity — prove, row by row, that a custom LiteLLM container keeps parity with the original image

Usage
  litellm-parity                         the explorer TUI on the active profile (the embedded demo when none is set)
  litellm-parity run [options]           headless run; exit 0 clean, 1 findings, 2 usage or configuration error
  litellm-parity list [--format json]    the feature matrix grouped by category
  litellm-parity history [list|diff] [--profile NAME]
                                         past runs; diff: newly broken and fixed rows, latency moves vs the previous run
  litellm-parity profiles list|show|save|use|delete|import|export [NAME|FILE]
  litellm-parity simulate --personality baseline|candidate [--host 127.0.0.1] [--port N]
  litellm-parity lab up|down|status     local baseline/candidate containers for the container rows (see lab --help)
  litellm-parity shadow [options]        shadow proxy: clients get the baseline's answers, the candidate a mirror;
                                         differences per route (see docs/SHADOW.md)
  litellm-parity COMMAND --help          that command's own flags (or: litellm-parity help COMMAND)

Targets (run, TUI, profiles save)
  --profile NAME            a saved profile or profiles/NAME.yaml (demo, local-docker, …)
  --profile-file PATH       a profile file
  --baseline URL --candidate URL
                            ad-hoc targets; keys from --key, --baseline-key/--candidate-key or $LITELLM_MASTER_KEY
  --flavour litellm|litellm-llmrouter|openai
                            what the targets are (default litellm-llmrouter); openai: any OpenAI-compatible
                            gateway, LiteLLM-only rows skipped as not applicable
  --baseline-header 'name: value', --candidate-header 'name: value'
                            extra headers for one side (repeatable), e.g. a gateway's provider header
  --baseline-prefix /PATH, --candidate-prefix /PATH
                            put before every path on that side (starts with /, never changes the host)
  --baseline-health-path /PATH, --candidate-health-path /PATH
                            the path the health dots poll (default /health/liveliness; /v1/models for openai)

Run options
  --category ID|TITLE       only this category (repeatable)
  --check ID                only this check or row (repeatable)
  --format table|json|junit|markdown
                            report format (default table); markdown is the validation plan filled in
  --fail-on VERDICTS        verdicts that make the run exit 1 (default gap,drift,both-fail,error)
  --no-history              do not keep this run in the history
  --run-anyway              run even when a target does not answer the pre-flight probe (exit 2 otherwise)
  --out FILE                write the report to FILE
  --concurrency N           checks in flight at once (default 4)
  --checks DIR              load the check files from DIR instead of the built-in checks/ (run, list, the TUI)
  --replay FILE             run the requests of a shadow recording as checks (instead of the matrix)

Shadow options
  --listen [HOST:]PORT      where clients connect (default 127.0.0.1:4100)
  --duration D              stop after D (30s, 5m, 1h) and print the per-route summary; else run until Ctrl-C
  --mirror PATTERN          also mirror these routes ("POST /key/*", "/v1/**"; repeatable); reads and LLM calls are
                            mirrored by default, anything that may change state is not
  --noise-fraction F        share of mirrored requests sent to the baseline twice to learn noise (default 0.1)
  --record FILE             keep the judged exchanges (redacted, bounded by --record-limit N, default 5000)
  --report DIR              write DIR/shadow-report.json and DIR/shadow-report.md

Other
  --name NAME               profiles import: save under this name
  --use                     profiles save: make it the active profile
  --version, --help         anywhere on the line; flags may come before the command too (--profile demo run)

Keys (a key given with --key is visible to every user of this machine in \`ps\`)
  --key-file PATH           read the key for both sides from PATH (first line); or export LITELLM_MASTER_KEY
  --baseline-key-file PATH, --candidate-key-file PATH
                            one side's key from a file
  In profiles, write keys as \${env.NAME}; header values and keys are masked in every output.
`;

// Small stand-ins that give the lab images the layout of the real ones: an init that supervises the server
// (supervisord-like on the baseline, tini-like on the candidate), package-manager commands, the training script.
// Each says what it is when run; none pretends to do the real program's work.

/** A tini-like init: runs the command after `--` as its child, forwards signals, exits with the child's status. */
export const tiniStandIn = `#!/usr/bin/node
// litellm-parity lab stand-in for tini (the LLMRouter image's init).
'use strict';
const {spawn} = require('node:child_process');
const argv = process.argv.slice(2);
const command = argv[0] === '--' ? argv.slice(1) : argv;
if (command.length === 0) { console.error('tini (lab stand-in): no command given'); process.exit(1); }
const child = spawn(command[0], command.slice(1), {stdio: 'inherit'});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', error => { console.error('tini (lab stand-in): ' + error.message); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code === null ? 128 + (signal === 'SIGKILL' ? 9 : 15) : code));
`;

/** A supervisord-like init: reads the [program:*] command from its config and supervises it, logging like supervisord. */
export const supervisordStandIn = `#!/usr/bin/node
// litellm-parity lab stand-in for supervisord (the stock LiteLLM image's init in the validation plan).
'use strict';
const {readFileSync} = require('node:fs');
const {spawn} = require('node:child_process');
const argv = process.argv.slice(2);
const configAt = argv.indexOf('-c');
const config = readFileSync(configAt >= 0 ? argv[configAt + 1] : '/etc/supervisord.conf', 'utf8');
const program = /\\[program:([^\\]]+)\\]/.exec(config)?.[1] ?? 'main';
const command = (/^command=(.*)$/m.exec(config)?.[1] ?? '').trim().split(/\\s+/);
const extra = argv.indexOf('--') >= 0 ? argv.slice(argv.indexOf('--') + 1) : [];
const log = message => process.stdout.write(new Date().toISOString().replace('T', ' ').replace('Z', '').replace('.', ',') + ' INFO ' + message + '\\n');
log('supervisord started with pid ' + process.pid + ' (litellm-parity lab stand-in)');
const child = spawn(command[0], [...command.slice(1), ...extra], {stdio: 'inherit'});
log("spawned: '" + program + "' with pid " + child.pid);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => { log('received ' + signal + ' indicating exit request'); child.kill(signal); });
child.on('exit', (code, signal) => { log("exited: " + program + " (" + (signal ? 'terminated by ' + signal : 'exit status ' + code) + ')'); process.exit(code ?? 0); });
`;

export const supervisordConfig = `; litellm-parity lab: the supervisord stand-in's configuration
[supervisord]
nodaemon=true

[program:main]
command=/usr/bin/node /app/server.js
`;

/** The stock image's entrypoint script (a real shell script: the baseline has /bin/sh). */
export const prodEntrypoint = `#!/bin/sh
# litellm-parity lab stand-in for LiteLLM's docker/prod_entrypoint.sh: hands over to the supervisord-like init.
exec /usr/bin/supervisord -c /etc/supervisord.conf -- "$@"
`;

export const pipStandIn = `#!/bin/sh
echo "pip 24.0 from /usr/lib/python3.12/site-packages/pip (python 3.12) [litellm-parity lab stand-in]"
`;

export const uvStandIn = `#!/usr/bin/node
console.log('uv 0.9.5 [litellm-parity lab stand-in]');
`;

export const trainingScript = `"""litellm-parity lab stand-in for LLMRouter's scripts/train_from_traces.py.

The real script trains a routing model from exported traces; this file only marks where it lives in the image.
"""
raise SystemExit("train_from_traces.py: litellm-parity lab stand-in, no training here")
`;

export const wolfiOsRelease = `ID=wolfi
NAME="Wolfi"
PRETTY_NAME="Wolfi"
VERSION_ID="20230201"
HOME_URL="https://wolfi.dev"
`;

export const debianOsRelease = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;

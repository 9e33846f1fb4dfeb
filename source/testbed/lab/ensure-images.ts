// The images `lab up --baseline-image/--candidate-image` runs must be on this machine, or be pulled, before anything
// is built or started. Each missing image is named with the engine's own cause (a registry it cannot reach, an
// unknown name, no permission), all of them at once. Pulls get a time limit that fits images of several GB.
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import {unavailableReason} from '../../containers/unavailable.js';

/** 20 minutes: a multi-GB image on a slow link still fits; a registry that never answers does not hang the lab. */
export const defaultPullTimeoutSeconds = 1200;

export type MissingImage = {image: string; cause: string};

function firstLine(text: string): string {
	return text.trim().split('\n').filter(Boolean).at(-1)?.replace(/^Error( response from daemon)?:\s*/i, '') ?? '';
}

export async function ensureImages(
	runtime: RuntimeKind,
	images: string[],
	{pullTimeoutSeconds = defaultPullTimeoutSeconds, signal, log = () => undefined}: {pullTimeoutSeconds?: number; signal?: AbortSignal; log?: (line: string) => void} = {},
): Promise<MissingImage[]> {
	const missing: MissingImage[] = [];
	for (const image of [...new Set(images)]) {
		const present = await runCli(runtime, ['image', 'inspect', '--format', '{{.Id}}', image], {timeoutMs: 30_000, signal});
		signal?.throwIfAborted();
		const engine = unavailableReason(present);
		if (engine) throw new Error(engine);
		if (present.exitCode === 0) continue;
		log(`image ${image} is not on this machine: pulling it (time limit ${pullTimeoutSeconds} s)`);
		const pull = await runCli(runtime, ['pull', image], {timeoutMs: pullTimeoutSeconds * 1000, signal});
		signal?.throwIfAborted();
		if (pull.exitCode === 0) continue;
		missing.push({image, cause: pull.timedOut ? `the pull did not finish within ${pullTimeoutSeconds} s (--pull-timeout)` : firstLine(pull.stderr) || firstLine(pull.stdout) || `exit ${pull.exitCode}`});
	}

	return missing;
}

export function describeMissing(missing: MissingImage[]): string {
	return `${missing.length === 1 ? 'an image is' : `${missing.length} images are`} missing and could not be pulled — ${missing.map(entry => `${entry.image}: ${entry.cause}`).join('; ')}. Build or load them (docker load / docker import), or fix the name, then run lab up again`;
}

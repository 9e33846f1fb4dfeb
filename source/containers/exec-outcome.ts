// What an exec's exit code and text say about the command itself. Docker 20.10 answers a missing executable with
// exit 126 and the OCI error on stdout; newer engines and Podman use 127. Both mean "not there".
import type {ExecObservation} from '../domain.js';

const notFound = /executable file not found|no such file or directory|not found/i;

/** The command does not exist in the image (or cannot be executed at all). */
export function executableMissing(exec: ExecObservation): boolean {
	if (exec.exitCode === 126 || exec.exitCode === 127) return true;
	return exec.exitCode !== 0 && notFound.test(`${exec.stdout}\n${exec.stderr}`) && /exec|oci|runtime/i.test(`${exec.stdout}\n${exec.stderr}`);
}

/** The first meaningful line of what the command printed, for display. */
export function firstOutputLine(exec: ExecObservation): string {
	return (`${exec.stdout}\n${exec.stderr}`.split('\n').map(line => line.trim()).find(Boolean) ?? '').slice(0, 200);
}

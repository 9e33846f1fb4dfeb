// Placeholder until the explorer TUI lands: run headless so the command still does something useful.
import type {ProfileChoice} from '../targets/choose-profile.js';

export async function startTui(choice: ProfileChoice): Promise<number> {
	const {runCommand} = await import('../commands/run.js');
	return runCommand(choice);
}

// The image's configured user (inspect's Config.User); empty means root.
import type {CallOptions, ContainerRuntime} from '../runtime.js';

export async function collectImageUser(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const inspect = await runtime.inspect(options);
	const configUser = inspect.user === '' ? 'root (Config.User empty)' : inspect.user;
	return {configUser, summary: `Config.User ${inspect.user === '' ? '"" (root)' : inspect.user}`};
}

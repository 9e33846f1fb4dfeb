// Where the package's own files live, whether running from source (vitest, tsx) or from dist/.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

function findPackageRoot(): string {
	let directory = path.dirname(fileURLToPath(import.meta.url));
	while (!existsSync(path.join(directory, 'package.json'))) {
		const parent = path.dirname(directory);
		if (parent === directory) throw new Error('litellm-parity: package.json not found above ' + fileURLToPath(import.meta.url));
		directory = parent;
	}

	return directory;
}

export const packageRoot = findPackageRoot();
export const checksDirectory = path.join(packageRoot, 'checks');
export const profilesDirectory = path.join(packageRoot, 'profiles');

// A key read from a file (--key-file), so it never appears on a command line (and so never in `ps`).
import {ConfigError} from '../errors.js';
import {readInputText} from '../files/read-input.js';
import {registerSecret} from './secrets.js';

export function readKeyFile(file: string): string {
	const key = readInputText(file, {what: 'key file', maxBytes: 64 * 1024}).split(/\r?\n/)[0]!.trim();
	if (key === '') throw new ConfigError('the key file is empty (the key goes on its first line)', {file});
	registerSecret(key);
	return key;
}

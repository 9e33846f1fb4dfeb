// The package version, read once from package.json (kept out of the hot start-up path of other commands).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from './paths.js';

export const version: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version;

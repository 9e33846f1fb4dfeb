// Writes schemas/*.schema.json from the zod schemas (run after `npm run build`): `npm run schemas`.
import {mkdirSync, writeFileSync} from 'node:fs';
import {jsonSchemas} from '../dist/source/config/json-schemas.js';

mkdirSync(new URL('../schemas/', import.meta.url), {recursive: true});
for (const [name, schema] of Object.entries(jsonSchemas())) {
	writeFileSync(new URL(`../schemas/${name}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
	console.log(`schemas/${name}`);
}

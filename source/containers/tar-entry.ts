// The first entry of a tar stream (what `docker cp CONTAINER:FILE -` prints): its type, name, link target and bytes.

export type TarEntry = {name: string; type: 'file' | 'symlink' | 'directory' | 'other'; linkName?: string; content: Buffer};

function field(block: Buffer, start: number, length: number): string {
	const raw = block.subarray(start, start + length);
	const end = raw.indexOf(0);
	return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

export function firstTarEntry(archive: Buffer): TarEntry | undefined {
	let offset = 0;
	let longName: string | undefined;
	let longLink: string | undefined;
	while (offset + 512 <= archive.length) {
		const header = archive.subarray(offset, offset + 512);
		if (header.every(byte => byte === 0)) return undefined;
		const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
		const flag = String.fromCharCode(header[156] ?? 48);
		const body = archive.subarray(offset + 512, offset + 512 + size);
		offset += 512 + Math.ceil(size / 512) * 512;
		// GNU long names and PAX headers precede the entry they describe.
		if (flag === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
		else if (flag === 'K') longLink = body.toString('utf8').replace(/\0.*$/s, '');
		else if (flag === 'x' || flag === 'g') continue;
		else {
			const prefix = field(header, 345, 155);
			const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
			const type = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '2' ? 'symlink' : flag === '5' ? 'directory' : 'other';
			return {name, type, linkName: type === 'symlink' ? (longLink ?? field(header, 157, 100)) : undefined, content: type === 'file' ? Buffer.from(body) : Buffer.alloc(0)};
		}
	}

	return undefined;
}

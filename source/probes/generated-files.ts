// Small files the tool makes itself for multipart checks, so no fixture has to ship or be downloaded.

/** A mono 16-bit PCM WAV with a short sine tone (default 0.5 s at 16 kHz, ~16 KB). */
export function wavTone({seconds = 0.5, sampleRate = 16_000, frequency = 440} = {}): Buffer {
	const samples = Math.round(seconds * sampleRate);
	const data = Buffer.alloc(samples * 2);
	for (let index = 0; index < samples; index++) {
		data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * index) / sampleRate) * 12_000), index * 2);
	}

	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8);
	header.write('fmt ', 12);
	header.writeUInt32LE(16, 16); // PCM chunk size
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28); // byte rate
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36);
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** A two-line OpenAI batch input file for /v1/chat/completions. */
export function batchJsonl(model: string): Buffer {
	const lines = [1, 2].map(index =>
		JSON.stringify({
			custom_id: `parity-${index}`,
			method: 'POST',
			url: '/v1/chat/completions',
			body: {model, messages: [{role: 'user', content: `ping ${index}`}], max_tokens: 5},
		}),
	);
	return Buffer.from(lines.join('\n') + '\n');
}

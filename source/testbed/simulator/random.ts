// A small seedable RNG (mulberry32) for ids and content: a seed makes every answer reproducible, no seed gives
// the real run-to-run noise the parity tool has to see through.
import {createHash} from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const urlSafe = `${alphabet}-_`;

export class Rng {
	private state: number;

	constructor(seed?: number) {
		this.state = (seed ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}

	hex(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
		return out;
	}

	alnum(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}

	/** Like Python's secrets.token_urlsafe(16): 22 URL-safe characters. */
	tokenUrlSafe(length = 22): string {
		let out = '';
		for (let i = 0; i < length; i++) out += urlSafe[Math.floor(this.next() * urlSafe.length)];
		return out;
	}

	uuid(): string {
		const hex = this.hex(32).split('');
		hex[12] = '4';
		hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
		const h = hex.join('');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
	}
}

export function sha256Hex(text: string | Buffer): string {
	return createHash('sha256').update(text).digest('hex');
}

/** A stable 32-bit number from a string, to seed per-input generators (same input, same embedding). */
export function hash32(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32BE(0);
}

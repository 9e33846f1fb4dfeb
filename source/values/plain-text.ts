// Text a server chose must never drive the user's terminal: escape sequences (title change, screen clear, OSC 52
// clipboard writes), other control characters and bidirectional overrides are made visible instead of obeyed.
// Tabs and line feeds stay (bodies remain readable); a CR that is not part of CRLF is shown, since it can overwrite
// what was printed before it on the line.

// C0 controls but tab and line feed, DEL, C1 controls (U+0080–U+009F, 8-bit CSI/OSC among them), and the Unicode
// bidirectional overrides and isolates (text that prints in another order than it reads).
// eslint-disable-next-line no-control-regex
const unsafe = /\r(?!\n)|[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function visible(character: string): string {
	const code = character.charCodeAt(0);
	if (code < 0x20) return String.fromCharCode(0x24_00 + code); // ␛ ␇ ␍ …: the Unicode control pictures
	if (code === 0x7f) return '␡';
	return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The text with every terminal-controlling character replaced by a visible stand-in. */
export function plainText(text: string): string {
	unsafe.lastIndex = 0;
	return unsafe.test(text) ? text.replace(unsafe, visible) : text;
}

/** How many terminal-controlling characters the text holds (0 for safe text). */
export function controlCount(text: string): number {
	unsafe.lastIndex = 0;
	return text.match(unsafe)?.length ?? 0;
}

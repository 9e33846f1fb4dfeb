// "Did you mean …?" for a mistyped flag or command: the known names closest in edit distance, if any is close enough
// to be a likely typo (at most two edits, or a third of the word for longer names).
import {distance} from 'fastest-levenshtein';

export function closestNames(typed: string, known: readonly string[]): string[] {
	const bare = (name: string) => name.replace(/^-+/, '');
	const word = bare(typed);
	const limit = Math.max(2, Math.floor(word.length / 3));
	let best = Number.POSITIVE_INFINITY;
	let closest: string[] = [];
	for (const name of new Set(known)) {
		const edits = distance(word, bare(name));
		if (edits > limit || edits > best) continue;
		if (edits < best) closest = [];
		best = edits;
		closest.push(name);
	}

	return closest;
}

/** "; did you mean --category?" or '' when nothing is close. */
export function didYouMean(typed: string, known: readonly string[]): string {
	const names = closestNames(typed, known);
	return names.length === 0 ? '' : `; did you mean ${names.join(' or ')}?`;
}

// What an expected difference pins: the value each side is expected to show. Shared by check files
// (`expectedDifferences`) and profiles (`expected`), so both acknowledge a difference the same way.
import {z} from 'zod';

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

function validRegex(source: string): boolean {
	try {
		new RegExp(source);
		return true;
	} catch {
		return false;
	}
}

/**
 * A pinned value: the value itself (strings and numbers compare as text: 1000 pins "1000"), one of a few values,
 * or a regular expression the value (as text) must match. Any other value on that side is a finding.
 */
export const pinnedValueSchema = z.union([
	scalarSchema,
	z.object({oneOf: z.array(scalarSchema).min(1)}).strict(),
	z.object({matches: z.string().min(1).refine(validRegex, {message: 'not a valid regular expression'})}).strict(),
]);
export type PinnedValue = z.infer<typeof pinnedValueSchema>;

export const expiryDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

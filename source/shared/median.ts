// The middle of a list of numbers (the mean of the two middle ones for an even count): the figure repeated samples
// and latency judgements report, shared by the probes that take samples and the comparison that judges them.
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

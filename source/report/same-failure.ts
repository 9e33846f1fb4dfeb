// "Every request fails the same way": a wrong header, prefix or key makes a gateway answer every check with the same
// 4xx. Said once, at the top of the run, with the gateway's own error text, instead of as fifty unrelated failures.
import {sides, type Observation, type RunEvent, type Side} from '../domain.js';
import {redact} from '../targets/secrets.js';

/** Fewer answers than this are not "every request". */
const minimumAnswers = 3;

const requestProbes = new Set(['http', 'sse', 'sequence']);

type Seen = {count: number; status?: number; same: boolean; text?: string};

export class SameFailureWatch {
	private readonly seen: Record<Side, Seen> = {baseline: {count: 0, same: true}, candidate: {count: 0, same: true}};

	private readonly probes = new Map<string, string>();

	/** Feed every run event; only the answers of request checks count (a route-list lookup may 404 by design). */
	observe(event: RunEvent): void {
		if (event.type === 'run-started') for (const check of event.checks) this.probes.set(check.check, check.probe);
		if (event.type !== 'check-finished' || !requestProbes.has(this.probes.get(event.check) ?? '')) return;
		for (const side of sides) this.add(side, event.observations[side]);
	}

	private add(side: Side, observation: Observation | undefined): void {
		if (!observation?.reached || observation.skipped || observation.status === undefined) return;
		const seen = this.seen[side];
		if (seen.count === 0) {
			seen.status = observation.status;
			seen.text = observation.bodyText;
		} else if (seen.status !== observation.status) seen.same = false;
		seen.count++;
	}

	/** One line per side whose every answer was the same client error. */
	notices(): string[] {
		return sides.flatMap(side => {
			const seen = this.seen[side];
			if (!seen.same || seen.count < minimumAnswers || seen.status === undefined || seen.status < 400 || seen.status >= 500) return [];
			const text = (seen.text ?? '').replace(/\s+/g, ' ').trim();
			const shown = text.length > 200 ? `${text.slice(0, 197)}…` : text;
			return [
				redact(
					`configuration mistake: every request to the ${side} failed the same way (${seen.count} answers, all HTTP ${seen.status}${shown ? `: ${shown}` : ''}); check its URL, path prefix, headers and key`,
				),
			];
		});
	}
}

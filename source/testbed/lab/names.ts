// What one lab is called everywhere: its containers, its images, its network, its profile, its label.

export {labLabel} from '../../containers/disposable-copy.js';

export type LabNames = {
	lab: string;
	profile: string;
	containers: {baseline: string; candidate: string};
	images: {baseline: string; candidate: string};
	/** The mock OpenAI upstream both proxies forward to (overhead row). */
	upstream: {container: string; image: string};
	/** The network the three containers share, so the proxies reach the upstream by its container name. */
	network: string;
};

export function labNames(lab = 'lab'): LabNames {
	if (!/^[a-z0-9][a-z0-9_.-]*$/.test(lab)) throw new Error(`lab names are lower-case letters, digits, '.', '-' and '_' (got '${lab}')`);
	const prefix = `litellm-parity-${lab}`;
	return {
		lab,
		profile: lab,
		containers: {baseline: `${prefix}-baseline`, candidate: `${prefix}-candidate`},
		images: {baseline: `${prefix}-baseline:latest`, candidate: `${prefix}-candidate:latest`},
		upstream: {container: `${prefix}-upstream`, image: `${prefix}-upstream:latest`},
		network: prefix,
	};
}

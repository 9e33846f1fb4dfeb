// The Router: model groups, aliases and deployment choice. Baseline shuffles at random (simple-shuffle); an
// llmrouter-* strategy picks by the prompt (same prompt, same deployment), as a learned router would.
import type {Rng} from '../random.js';
import {hash32} from '../random.js';
import type {Deployment} from './deployments.js';

export type Resolved = {
	/** The name the client asked for (the response `model`). */
	requested: string;
	/** The model group whose deployments serve it (differs from `requested` for an alias). */
	group: string;
	deployments: Deployment[];
};

export class ModelRegistry {
	readonly deployments: Deployment[];
	/** router_settings.model_group_alias: listed by /v1/models, served by the target group. */
	readonly aliases = new Map<string, string>();

	constructor(
		deployments: Deployment[],
		private readonly rng: Rng,
		public strategy: string,
	) {
		this.deployments = deployments;
	}

	/** Model groups in config order, then aliases, as /v1/models lists them. */
	groupNames(): string[] {
		const names = [...new Set(this.deployments.map(deployment => deployment.model_name))];
		for (const alias of this.aliases.keys()) if (!names.includes(alias)) names.push(alias);
		return names;
	}

	resolve(name: unknown): Resolved | undefined {
		if (typeof name !== 'string' || name === '') return undefined;
		const group = this.aliases.get(name) ?? name;
		const deployments = this.deployments.filter(deployment => deployment.model_name === group);
		return deployments.length > 0 ? {requested: name, group, deployments} : undefined;
	}

	choose(resolved: Resolved, prompt: string): Deployment {
		const {deployments} = resolved;
		if (deployments.length === 1) return deployments[0]!;
		if (this.strategy.startsWith('llmrouter-')) return deployments[hash32(prompt) % deployments.length]!;
		return this.rng.pick(deployments);
	}

	findById(id: string): Deployment | undefined {
		return this.deployments.find(deployment => deployment.model_info.id === id);
	}

	add(deployment: Deployment): void {
		this.deployments.push(deployment);
	}

	remove(id: string): boolean {
		const index = this.deployments.findIndex(deployment => deployment.model_info.id === id);
		if (index < 0) return false;
		this.deployments.splice(index, 1);
		return true;
	}
}

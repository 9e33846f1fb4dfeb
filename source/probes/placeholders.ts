// ${models.chat}, ${env.NAME}, ${steps.create.key}, ${run.id}, ${side} and ${target.healthPath} inside check requests.
import {ConfigError} from '../errors.js';

export type PlaceholderScope = {
	models: Record<string, string>;
	env: NodeJS.ProcessEnv;
	steps: Record<string, Record<string, unknown>>;
	run: {id: string};
	side: string;
	/** The profile's options (${options.callbacks}). */
	options?: Record<string, unknown>;
	/** The side's own target settings (${target.healthPath}). */
	target?: {healthPath?: string};
};

const whole = /^\$\{([^}]+)\}$/;
const anywhere = /\$\{([^}]+)\}/g;

function lookup(expression: string, scope: PlaceholderScope, where: string): unknown {
	const [head, ...rest] = expression.trim().split('.');
	const name = rest.join('.');
	switch (head) {
		case 'models': {
			const model = scope.models[name];
			if (model === undefined) throw new ConfigError(`unknown model capability '${name}' in \${${expression}} (known: ${Object.keys(scope.models).join(', ')})`, {path: where});
			return model;
		}

		case 'env': {
			const value = scope.env[name];
			if (value === undefined) throw new ConfigError(`environment variable ${name} is not set (used as \${${expression}})`, {path: where});
			return value;
		}

		case 'steps': {
			const [step, ...field] = rest;
			const captured = scope.steps[step ?? ''];
			const key = field.join('.');
			if (!captured || !(key in captured)) throw new Error(`\${${expression}}: step '${step}' captured no '${key}' (an earlier step failed or its capture found nothing)`);
			return captured[key];
		}

		case 'options': {
			const value = scope.options?.[name];
			if (value === undefined) throw new ConfigError(`the profile sets no options.${name} (used as \${${expression}})`, {path: where});
			return value;
		}

		case 'run':
			return name === 'id' ? scope.run.id : undefined;
		case 'side':
			return scope.side;
		case 'target': {
			if (name !== 'healthPath') throw new ConfigError(`unknown placeholder \${${expression}}; the target offers target.healthPath`, {path: where});
			return scope.target?.healthPath ?? '/health/liveliness';
		}

		default:
			throw new ConfigError(`unknown placeholder \${${expression}}; use models.*, env.*, options.*, steps.*, run.id, side or target.healthPath`, {path: where});
	}
}

/** Replace placeholders deep inside a value. A string that is exactly one placeholder keeps the value's type. */
export function interpolate<T>(value: T, scope: PlaceholderScope, where = 'request'): T {
	if (typeof value === 'string') {
		const match = whole.exec(value);
		if (match) return lookup(match[1]!, scope, where) as T;
		return value.replace(anywhere, (_, expression: string) => String(lookup(expression, scope, where))) as T;
	}

	if (Array.isArray(value)) return value.map((item, index) => interpolate(item, scope, `${where}[${index}]`)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, interpolate(inner, scope, `${where}.${key}`)])) as T;
	}

	return value;
}

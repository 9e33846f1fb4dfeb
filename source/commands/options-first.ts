// Options given before the command (`litellm-parity --profile demo run`) work as they do after it, the way git,
// docker and npm take their global options: they are moved behind the command name, where the command's own parser
// checks them. One the command does not take is refused in one line that names it and shows the command line
// without it. Without a command (plain `litellm-parity --profile demo`) nothing moves: that is the explorer.
import type {Command, Option} from 'commander';
import {UsageError} from '../errors.js';

const helpFlags = new Set(['-h', '--help']);

/** A leading option as typed: its flag and the tokens it spans (`--profile demo`, `--profile=demo`, `--no-history`). */
type Given = {flag: string; tokens: string[]};

function declared(command: Command, flag: string): Option | undefined {
	return command.options.find(known => known.long === flag || known.short === flag);
}

/** The command line as echoed: values that may be secrets (keys, headers) are masked, the rest quoted for a shell. */
function shown(tokens: readonly string[]): string[] {
	const secret = (flag: string) => /^--(?:(?:baseline|candidate)-)?key$|-header$/.test(flag);
	return tokens.map((token, index) => {
		if (index > 0 && secret(tokens[index - 1]!)) return '***';
		const [flag] = token.split('=');
		return token.includes('=') && secret(flag!) ? `${flag!}=***` : quoted(token);
	});
}

function quoted(token: string): string {
	return /^[\w@%+=:,./-]+$/.test(token) ? token : `'${token.replaceAll("'", String.raw`'\''`)}'`;
}

function listed(names: string[]): string {
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : names[0]!;
}

/**
 * The command line with the options before the command moved right behind it; unchanged when there is no command.
 * Throws a UsageError for an option the command does not take but another command does.
 */
export function optionsAfterCommand(program: Command, argv: readonly string[]): string[] {
	const everyOption = [program, ...program.commands].flatMap(command => command.options);
	const leading: Given[] = [];
	let index = 0;
	while (index < argv.length) {
		const token = argv[index]!;
		if (token === '--' || !token.startsWith('-') || token === '-') break;
		const flag = token.split('=')[0]!;
		const option = everyOption.find(known => known.long === flag || known.short === flag);
		const takesValue = option !== undefined && (option.required || option.optional) && !token.includes('=');
		const tokens = argv.slice(index, takesValue ? index + 2 : index + 1);
		leading.push({flag, tokens});
		index += tokens.length;
	}

	const name = argv[index];
	const command = program.commands.find(known => known.name() === name || known.aliases().includes(name ?? ''));
	if (leading.length === 0 || !command) return [...argv];

	const rest = argv.slice(index + 1);
	// Unknown to every command: moved too, so the command's parser names it with its closest flag.
	const takes = (given: Given) => helpFlags.has(given.flag) || declared(command, given.flag) !== undefined || !everyOption.some(known => known.long === given.flag || known.short === given.flag);
	const kept = leading.filter(given => takes(given));
	const refused = leading.filter(given => !takes(given));
	if (refused.length > 0) {
		const flags = [...new Set(refused.map(given => given.flag))];
		const owners = program.commands.filter(known => known !== command && flags.every(flag => declared(known, flag))).map(known => known.name());
		const corrected = ['litellm-parity', command.name(), ...shown([...kept.flatMap(given => given.tokens), ...rest])].join(' ');
		const many = flags.length > 1;
		const what = owners.length > 0 ? `${many ? 'are options' : 'is an option'} of ${listed(owners)}, not ${command.name()}` : `${many ? 'are not options' : 'is not an option'} of ${command.name()}`;
		throw new UsageError(`${listed(flags)} ${what}; without ${many ? 'them' : 'it'}: ${corrected}`);
	}

	return [argv[index]!, ...kept.flatMap(given => given.tokens), ...rest];
}

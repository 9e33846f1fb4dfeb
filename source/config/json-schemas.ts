// JSON Schemas generated from the validation schemas, so editors validate and complete check files and profiles
// (each YAML file names its schema in a yaml-language-server comment) and CI consumers can validate reports.
import {z} from 'zod';
import {checkFileSchema} from '../catalog/schema.js';
import {reportSchema} from '../report/report-schema.js';
import {recordFileSchema} from '../shadow/record-schema.js';
import {profileSchema} from '../targets/profile-schema.js';

export function jsonSchemas(): Record<string, unknown> {
	const make = (schema: z.ZodType, title: string, io: 'input' | 'output') => ({
		...z.toJSONSchema(schema, {io, unrepresentable: 'any', target: 'draft-7'}),
		title,
	});
	return {
		'checks.schema.json': make(checkFileSchema, 'litellm-parity check file (checks/*.yaml)', 'input'),
		'profile.schema.json': make(profileSchema, 'litellm-parity profile (profiles/*.yaml)', 'input'),
		'report.schema.json': make(reportSchema, 'litellm-parity JSON report (run --format json)', 'output'),
		'shadow-record.schema.json': make(recordFileSchema, 'litellm-parity shadow recording (shadow --record FILE, run --replay FILE)', 'input'),
	};
}

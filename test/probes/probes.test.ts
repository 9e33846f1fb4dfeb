// Each probe kind over real HTTP: multipart, binary, sequences with cleanup after a failure, SSE, Prometheus, OTLP.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import busboy from 'busboy';
import protobuf from 'protobufjs';
import {request} from 'undici';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Observation, RunEvent, Side} from '../../source/domain.js';
import {startOtlpReceiver} from '../../source/shared/otlp-receiver.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {runProfile, simulatorPair, testKey, urlProfile} from '../helpers/targets.js';

type Pair = Awaited<ReturnType<typeof simulatorPair>>;

function observationsOf(events: RunEvent[], check: string): Partial<Record<Side, Observation>> {
	const finished = events.find(event => event.type === 'check-finished' && event.check === check) as Extract<RunEvent, {type: 'check-finished'}>;
	return finished.observations;
}

async function checksFolder(text: string): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-probe-'));
	await writeFile(path.join(directory, 'probe.yaml'), text);
	return directory;
}

describe('against a baseline/candidate pair without gaps', () => {
	let pair: Pair;
	beforeAll(async () => {
		pair = await simulatorPair({}, {gaps: false});
	});
	afterAll(() => pair.close());

	it('binary: speech is compared as audio bytes, not text', async () => {
		const {byCheck, events} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['api.audio-speech.mp3']});
		expect(byCheck['api.audio-speech.mp3']!.verdict).toBe('parity');
		const {baseline} = observationsOf(events, 'api.audio-speech.mp3');
		expect(baseline!.contentType).toBe('audio/mpeg');
		expect(baseline!.bytes).toBeGreaterThan(1000);
		expect(baseline!.bodyText).toBe(`<${baseline!.bytes} bytes of audio/mpeg>`);
	});

	it('SSE: chunks stream in as events, with time to first token, [DONE] and usage', async () => {
		const {byCheck, events} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['api.chat-completions.stream']});
		expect(byCheck['api.chat-completions.stream']!.verdict).toBe('parity');
		const chunks = events.filter(event => event.type === 'side-progress' && event.progress.kind === 'chunk' && event.side === 'candidate');
		const {candidate} = observationsOf(events, 'api.chat-completions.stream');
		expect(candidate!.stream!.done).toBe(true);
		expect(chunks.length).toBe((candidate!.body as {chunkCount: number}).chunkCount);
		expect(candidate!.stream!.ttftMs).toBeGreaterThan(0);
		expect(candidate!.stream!.ttftMs!).toBeLessThanOrEqual(candidate!.timing.totalMs);
		expect((candidate!.stream!.usage as {total_tokens: number}).total_tokens).toBeGreaterThan(0);
		expect(candidate!.stream!.text.length).toBeGreaterThan(0);
	});

	it('sequence: the cleanup runs after a failing step and deletes what the steps created', async () => {
		const folder = await checksFolder(`schemaVersion: 1
category: {id: seq, title: Seq, section: core}
rows:
  - id: seq.row
    feature: cleanup
    checks:
      - id: seq.cleanup
        probe: sequence
        steps:
          - name: create
            request: {method: POST, path: /key/generate, json: {key_alias: "cleanup-\${run.id}-\${side}"}}
            capture: {key: $.key}
          - name: fails
            request: {method: GET, path: /no/such/route}
            expect: {status: 200}
          - name: never
            request: {method: GET, path: /v1/models}
        cleanup:
          - name: remove
            request: {method: POST, path: /key/delete, json: {keys: ["\${steps.create.key}"]}}
`);
		const {byCheck, events} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {}, {checksDirectory: folder});
		const result = byCheck['seq.cleanup']!;
		expect(result.verdict).toBe('both-fail');
		expect(result.reason).toContain('step fails');
		for (const side of ['baseline', 'candidate'] as const) {
			const observation = observationsOf(events, 'seq.cleanup')[side]!;
			expect(observation.steps!.map(step => [step.name, step.ok, step.cleanup ?? false])).toEqual([
				['create', true, false],
				['fails', false, false],
				['remove', true, true],
			]);
			const key = ((observation.body as Record<string, {body: {key: string}}>).create.body).key;
			const url = side === 'baseline' ? pair.baseline.url : pair.candidate.url;
			const refused = await request(`${url}/v1/models`, {headers: {authorization: `Bearer ${key}`}});
			await refused.body.dump();
			expect(refused.statusCode).toBe(401);
		}
	});

	it('Prometheus: metric families are parsed and compared', async () => {
		const {byCheck, events} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['observability.prometheus.families']});
		expect(byCheck['observability.prometheus.families']!.verdict).toBe('parity');
		const facts = observationsOf(events, 'observability.prometheus.families').baseline!.facts as {litellmFamilies: string[]};
		expect(facts.litellmFamilies).toContain('litellm_proxy_total_requests_metric_total');
		expect(facts.litellmFamilies.some(name => name.startsWith('process_'))).toBe(false);
	});
});

describe('multipart', () => {
	it('sends the generated WAV and the form fields as multipart/form-data', async () => {
		const seen: Array<{field: string; filename?: string; mime?: string; head?: string; value?: string}> = [];
		const server = createServer((req, res) => {
			const parser = busboy({headers: req.headers});
			parser.on('file', (field, stream, info) => {
				const parts: Buffer[] = [];
				stream.on('data', (part: Buffer) => parts.push(part));
				stream.on('end', () => seen.push({field, filename: info.filename, mime: info.mimeType, head: Buffer.concat(parts).subarray(0, 4).toString('latin1')}));
			});
			parser.on('field', (field, value) => seen.push({field, value}));
			parser.on('close', () => res.writeHead(200, {'content-type': 'application/json'}).end('{"text":"heard"}'));
			req.pipe(parser);
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const {byCheck} = await runProfile(urlProfile(url, url), {checks: ['api.audio-transcriptions.wav']});
			expect(byCheck['api.audio-transcriptions.wav']!.verdict).toBe('parity');
			expect(seen).toContainEqual({field: 'model', value: 'whisper-1'});
			expect(seen).toContainEqual({field: 'file', filename: 'parity.wav', mime: 'audio/wav', head: 'RIFF'});
		} finally {
			server.close();
		}
	});
});

describe('database on one side only', () => {
	it('is a gap that says "no database on candidate", not a skip', async () => {
		const pair = await simulatorPair({}, {gaps: false, db: false});
		try {
			const {byCheck} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['management.key-generate', 'persistence.postgresql.connected']});
			const lifecycle = byCheck['management.key-generate.lifecycle']!;
			expect(lifecycle.verdict).toBe('gap');
			expect(lifecycle.reason).toMatch(/^no database on candidate/);
			expect(byCheck['persistence.postgresql.connected']!.verdict).toBe('gap');
		} finally {
			await pair.close();
		}
	});
});

describe('OTLP receiver', () => {
	it('decodes JSON, protobuf and gzipped protobuf exports', async () => {
		const receiver = await startOtlpReceiver();
		try {
			const json = {resourceSpans: [{resource: {attributes: [{key: 'service.name', value: {stringValue: 'json-service'}}]}, scopeSpans: [{spans: [{name: 'json-span', traceId: 'abc'}]}]}]};
			await (await request(`${receiver.url}/v1/traces`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(json)})).body.dump();
			// Hand-encode an ExportTraceServiceRequest with protobufjs's Writer: field 1 resource_spans { 1 resource { 1 attributes { 1 key, 2 value { 1 string_value } } }, 2 scope_spans { 2 spans { 1 trace_id, 5 name } } }.
			const {Writer} = protobuf;
			const value = Writer.create().uint32(10).string('proto-service').finish();
			const attribute = Writer.create().uint32(10).string('service.name').uint32(18).bytes(value).finish();
			const resource = Writer.create().uint32(10).bytes(attribute).finish();
			const span = Writer.create().uint32(10).bytes(Buffer.from('0102', 'hex')).uint32(42).string('proto-span').finish();
			const scope = Writer.create().uint32(18).bytes(span).finish();
			const resourceSpans = Writer.create().uint32(10).bytes(resource).uint32(18).bytes(scope).finish();
			const body = Buffer.from(Writer.create().uint32(10).bytes(resourceSpans).finish());
			for (const [encoding, payload] of [['identity', body], ['gzip', gzipSync(body)]] as const) {
				const answer = await request(`${receiver.url}/v1/traces`, {method: 'POST', headers: {'content-type': 'application/x-protobuf', 'content-encoding': encoding}, body: payload});
				await answer.body.dump();
				expect(answer.statusCode).toBe(200);
			}

			const spans = receiver.spans();
			expect(spans.map(span => [span.service, span.name])).toEqual([
				['json-service', 'json-span'],
				['proto-service', 'proto-span'],
				['proto-service', 'proto-span'],
			]);
		} finally {
			await receiver.close();
		}
	});

	it('sees the spans each simulator exports after a call (the OpenTelemetry row)', async () => {
		const profile = profileSchema.parse({
			name: 'otel',
			baseline: {embedded: 'baseline', key: testKey, otlpPort: 0},
			candidate: {embedded: {personality: 'candidate', gaps: false}, key: testKey, otlpPort: 0},
		});
		const {byCheck, events} = await runProfile(profile, {checks: ['observability.opentelemetry']});
		expect(byCheck['observability.opentelemetry.spans']!.verdict).toBe('parity');
		const {baseline, candidate} = observationsOf(events, 'observability.opentelemetry.spans');
		expect(baseline!.facts).toMatchObject({mode: 'receiver', tracing: true, services: ['litellm-baseline']});
		expect(candidate!.facts).toMatchObject({mode: 'receiver', tracing: true, services: ['litellm-gateway']});
	});
});

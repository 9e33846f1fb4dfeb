// An embedded OTLP/HTTP trace receiver: containers (or the simulators) export spans to it, and the OpenTelemetry row
// checks that a call on each side produced spans. Accepts JSON and protobuf (decoded with protobufjs against the
// few OTLP fields we read: service name, span name, trace id), gzip or not.
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import {gunzipSync} from 'node:zlib';
import protobuf from 'protobufjs';

export type ReceivedSpan = {service?: string; name: string; traceId: string; receivedAtMs: number};

export type OtlpReceiver = {
	url: string;
	port: number;
	spans(sinceMs?: number): ReceivedSpan[];
	close(): Promise<void>;
};

// Field numbers from opentelemetry/proto/{collector/trace,trace,resource,common}/v1/*.proto.
const traceProto = protobuf.parse(`
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
message ScopeSpans { repeated Span spans = 2; }
message Span { bytes trace_id = 1; bytes span_id = 2; string name = 5; }
`).root.lookupType('ExportTraceServiceRequest');

type JsonAttributes = Array<{key?: string; value?: {stringValue?: string; string_value?: string}}>;
type JsonRequest = {resourceSpans?: Array<{resource?: {attributes?: JsonAttributes}; scopeSpans?: Array<{spans?: Array<{name?: string; traceId?: string}>}>}>};

function serviceName(attributes: JsonAttributes | undefined): string | undefined {
	const entry = attributes?.find(attribute => attribute.key === 'service.name');
	return entry?.value?.stringValue ?? entry?.value?.string_value;
}

export function decodeSpans(body: Buffer, contentType: string, receivedAtMs: number): ReceivedSpan[] {
	let request: JsonRequest;
	if (contentType.includes('json')) {
		request = JSON.parse(body.toString('utf8')) as JsonRequest;
	} else {
		const decoded = traceProto.toObject(traceProto.decode(body), {bytes: String, longs: String, oneofs: true}) as {
			resourceSpans?: Array<{resource?: {attributes?: Array<{key: string; value?: {stringValue?: string}}>}; scopeSpans?: Array<{spans?: Array<{name?: string; traceId?: string}>}>}>;
		};
		request = decoded as JsonRequest;
	}

	const spans: ReceivedSpan[] = [];
	for (const resourceSpans of request.resourceSpans ?? []) {
		const service = serviceName(resourceSpans.resource?.attributes);
		for (const scope of resourceSpans.scopeSpans ?? []) {
			for (const span of scope.spans ?? []) spans.push({service, name: span.name ?? '', traceId: span.traceId ?? '', receivedAtMs});
		}
	}

	return spans;
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new Error('OTLP request too large');
		chunks.push(chunk as Buffer);
	}

	const body = Buffer.concat(chunks);
	return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/** Keep the newest spans only: a chatty container must not grow the tool's memory without bound. */
const maxSpans = 10_000;

export async function startOtlpReceiver({host = '127.0.0.1', port = 0}: {host?: string; port?: number} = {}): Promise<OtlpReceiver> {
	const received: ReceivedSpan[] = [];
	const server = createServer((request, response) => {
		if (request.method !== 'POST' || !request.url?.startsWith('/v1/traces')) {
			response.writeHead(404, {'content-type': 'application/json'}).end('{"error":"only POST /v1/traces is served"}');
			return;
		}

		const contentType = request.headers['content-type'] ?? 'application/x-protobuf';
		readBody(request, 16 * 1024 * 1024)
			.then(body => {
				received.push(...decodeSpans(body, contentType, performance.now()));
				if (received.length > maxSpans) received.splice(0, received.length - maxSpans);
				const json = contentType.includes('json');
				response.writeHead(200, {'content-type': json ? 'application/json' : 'application/x-protobuf'}).end(json ? '{}' : Buffer.alloc(0));
			})
			.catch((error: unknown) => {
				response.writeHead(400, {'content-type': 'application/json'}).end(JSON.stringify({error: String((error as Error)?.message ?? error)}));
			});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://${host}:${address.port}`,
		port: address.port,
		spans: (sinceMs = 0) => received.filter(span => span.receivedAtMs >= sinceMs),
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

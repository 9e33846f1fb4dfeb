// A minimal MLflow tracking server stand-in for the demo: the two calls the MLflow row makes (/health and experiment
// search) answered the way MLflow 2.x answers them, with one experiment the LLMRouter training loop would log to.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

export type MockMlflow = {url: string; close(): Promise<void>};

const experiments = [
	{experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active', creation_time: 1_760_000_000_000, last_update_time: 1_760_000_000_000},
	{experiment_id: '1', name: 'llmrouter-knn-training', artifact_location: 'mlflow-artifacts:/1', lifecycle_stage: 'active', creation_time: 1_760_000_500_000, last_update_time: 1_760_000_900_000},
];

export async function startMockMlflow({host = '127.0.0.1', port = 0}: {host?: string; port?: number} = {}): Promise<MockMlflow> {
	const server = createServer((request, response) => {
		request.resume();
		const path = (request.url ?? '/').split('?')[0];
		if (request.method === 'GET' && path === '/health') {
			response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end('OK');
			return;
		}

		if ((request.method === 'POST' || request.method === 'GET') && path === '/api/2.0/mlflow/experiments/search') {
			response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({experiments}));
			return;
		}

		response.writeHead(404, {'content-type': 'application/json'}).end(JSON.stringify({error_code: 'ENDPOINT_NOT_FOUND', message: `no route ${request.method} ${path}`}));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	return {
		url: `http://${host}:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

// Entry of the mirror's worker thread: the settings come as workerData, requests and baseline answers as batches of
// messages, and each mirrored request goes back as one `done` report, batched every few milliseconds as well
// (see mirror-protocol.ts).
import {parentPort, workerData} from 'node:worker_threads';
import {Mirror} from './mirror.js';
import {lowerThreadPriority} from './mirror-priority.js';
import type {MirrorDone, MirrorSettings, ToMirror} from './mirror-protocol.js';

const port = parentPort;
if (!port) throw new Error('mirror-worker.js runs as a worker thread of the shadow proxy');
lowerThreadPriority();

let reports: MirrorDone[] = [];
const mirror = new Mirror(workerData as MirrorSettings, done => {
	if (reports.length === 0) {
		setTimeout(() => {
			const batch = reports;
			reports = [];
			port.postMessage(batch);
		}, 2);
	}

	reports.push(done);
});
port.on('message', (message: ToMirror[] | {type: 'close'}) => {
	if (Array.isArray(message)) for (const one of message) mirror.receive(one);
	else if (message.type === 'close') void mirror.close().then(() => port.close());
});

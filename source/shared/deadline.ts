// A signal that aborts when its parent does or when a deadline passes. Node 20's AbortSignal.any() holds the
// signals it combines weakly: an AbortSignal.timeout() referenced by nothing else can be garbage-collected and then
// never fires (seen under load: a never-ending stream outlived its check's timeout by 30 s). This keeps a real timer.

export type Deadline = {signal: AbortSignal; dispose(): void};

export function deadline(parent: AbortSignal | undefined, ms: number): Deadline {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
	const onAbort = () => controller.abort(parent?.reason);
	if (parent?.aborted) onAbort();
	else parent?.addEventListener('abort', onAbort, {once: true});
	return {
		signal: controller.signal,
		dispose() {
			clearTimeout(timer);
			parent?.removeEventListener('abort', onAbort);
		},
	};
}

/** Waits ms, or less when the signal aborts; resolves either way and leaves no listener behind. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};

		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
	});
}

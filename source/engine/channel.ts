// A minimal push-to-pull bridge: the engine pushes run events, consumers read them with `for await`.
// Unbounded on purpose: events are small and a slow UI must never stall the probes.

export class Channel<T> implements AsyncIterable<T> {
	#buffer: T[] = [];
	#waiting: Array<(result: IteratorResult<T>) => void> = [];
	#closed = false;

	push(value: T): void {
		if (this.#closed) return;
		const waiter = this.#waiting.shift();
		if (waiter) waiter({value, done: false});
		else this.#buffer.push(value);
	}

	close(): void {
		this.#closed = true;
		for (const waiter of this.#waiting.splice(0)) waiter({value: undefined, done: true});
	}

	[Symbol.asyncIterator](): AsyncIterator<T> {
		return {
			next: async () => {
				if (this.#buffer.length > 0) return {value: this.#buffer.shift()!, done: false};
				if (this.#closed) return {value: undefined, done: true};
				return new Promise(resolve => this.#waiting.push(resolve));
			},
		};
	}
}

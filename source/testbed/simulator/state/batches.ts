// Batches, in memory. A batch moves validating → in_progress → completed as time passes; the status is worked out
// when it is read, so no timers outlive the server.

export type BatchStatus = 'validating' | 'in_progress' | 'finalizing' | 'completed' | 'failed' | 'cancelling' | 'cancelled';

export type BatchObject = {
	id: string;
	object: 'batch';
	endpoint: string;
	errors: null;
	input_file_id: string;
	completion_window: string;
	status: BatchStatus;
	output_file_id: string | null;
	error_file_id: string | null;
	created_at: number;
	in_progress_at: number | null;
	expires_at: number;
	finalizing_at: number | null;
	completed_at: number | null;
	failed_at: number | null;
	expired_at: number | null;
	cancelling_at: number | null;
	cancelled_at: number | null;
	request_counts: {total: number; completed: number; failed: number};
	metadata: Record<string, string> | null;
	model: string | null;
	usage: Record<string, unknown> | null;
};

/** How long each simulated phase lasts. */
/** How long each simulated phase lasts: long enough that a create → retrieve → cancel sequence on a loaded machine
 * still finds the batch running (a completed batch cannot be cancelled), short enough for a test to wait for. */
export const batchPhaseMs = {validating: 1000, inProgress: 2000, cancelling: 100};

type Entry = {batch: BatchObject; createdMs: number; cancelledMs?: number};

export class BatchStore {
	private readonly entries = new Map<string, Entry>();

	add(batch: BatchObject): BatchObject {
		this.entries.set(batch.id, {batch, createdMs: Date.now()});
		return batch;
	}

	/**
	 * The batch as it is now. `complete` is called once when it reaches completion and returns the output file id.
	 */
	current(id: string, complete: (batch: BatchObject) => string): BatchObject | undefined {
		const entry = this.entries.get(id);
		if (!entry) return undefined;
		const {batch} = entry;
		const now = Date.now();
		const seconds = (ms: number) => Math.floor(ms / 1000);
		if (batch.status === 'cancelling' && entry.cancelledMs !== undefined && now - entry.cancelledMs >= batchPhaseMs.cancelling) {
			batch.status = 'cancelled';
			batch.cancelled_at = seconds(now);
		}

		if (batch.status === 'validating' && now - entry.createdMs >= batchPhaseMs.validating) {
			batch.status = 'in_progress';
			batch.in_progress_at = seconds(entry.createdMs + batchPhaseMs.validating);
		}

		if (batch.status === 'in_progress' && now - entry.createdMs >= batchPhaseMs.validating + batchPhaseMs.inProgress) {
			batch.output_file_id = complete(batch);
			batch.status = 'completed';
			batch.finalizing_at = seconds(now);
			batch.completed_at = seconds(now);
			batch.request_counts.completed = batch.request_counts.total;
		}

		return batch;
	}

	cancel(id: string): void {
		const entry = this.entries.get(id);
		if (!entry) return;
		entry.batch.status = 'cancelling';
		entry.batch.cancelling_at = Math.floor(Date.now() / 1000);
		entry.cancelledMs = Date.now();
	}

	ids(): string[] {
		return [...this.entries.keys()];
	}
}

// Toast ids only need to be unique, so that a stale expiry timer never clears a newer toast.
let toastSequence = 0;

export function nextToastId(): number {
	return ++toastSequence;
}

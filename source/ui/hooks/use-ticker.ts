// A frame counter that only ticks while something is active (the spinner), so an idle explorer never redraws.
import {useEffect, useState} from 'react';

export function useTicker(active: boolean, intervalMs = 120): number {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setFrame(value => value + 1), intervalMs);
		return () => clearInterval(timer);
	}, [active, intervalMs]);
	return frame;
}

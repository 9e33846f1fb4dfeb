// Preloaded into a child process (node --import): on exit, write its peak resident memory (KB) and wall time (ms
// since start) as JSON to $PEAK_RSS_FILE, so a test can bound what the tool used without watching it from outside.
import {writeFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

process.on('exit', () => {
	if (process.env.PEAK_RSS_FILE) writeFileSync(process.env.PEAK_RSS_FILE, JSON.stringify({maxRssKb: process.resourceUsage().maxRSS, wallMs: Math.round(performance.now())}));
});

// A check file with a load row and a proxy-overhead row against the embedded simulators, for the probe and UI tests.

export type PerfChecksOptions = {
	/** `requests: N` or `durationMs: N`, as the load probe's options. */
	load: Record<string, number>;
	loadThresholds: string[];
	minThroughputRatio: number;
	overheadSamples: number;
	overheadWarmup: number;
	timeoutMs: number;
	/** Rows placed before the measuring ones (YAML, indented as rows). */
	leadingRows?: string;
};

export function perfChecksYaml(options: PerfChecksOptions): string {
	const load = Object.entries(options.load).map(([key, value]) => `${key}: ${value}`).join(', ');
	return `schemaVersion: 1
category: {id: perf, title: Perf, section: validation}
rows:
${options.leadingRows ?? ''}  - id: perf.throughput
    feature: Throughput
    checks:
      - id: perf.throughput.chat
        probe: load
        request:
          method: POST
          path: /v1/chat/completions
          llm: true
          json: {model: gpt-4o-mini, messages: [{role: user, content: load}], max_tokens: 3, cache: {no-cache: true, no-store: true}}
        options: {${load}}
        expect:
          status: 200
          thresholds: [${options.loadThresholds.map(threshold => JSON.stringify(threshold)).join(', ')}]
        compare: {body: ignore, throughput: {minRatio: ${options.minThroughputRatio}}, noise: false}
        timeoutMs: ${options.timeoutMs}
  - id: perf.overhead
    feature: Overhead
    checks:
      - id: perf.overhead.chat
        probe: overhead
        requires: [upstream]
        request:
          method: POST
          path: /v1/chat/completions
          json: {model: gpt-4o-mini, messages: [{role: user, content: overhead}], max_tokens: 3, cache: {no-cache: true, no-store: true}}
        options: {samples: ${options.overheadSamples}, warmup: ${options.overheadWarmup}}
        expect:
          status: 200
          thresholds: ["p(50)<50"]
        compare: {body: ignore, latency: {maxRatio: 1.5, minDeltaMs: 20}, noise: false}
        timeoutMs: ${options.timeoutMs}
`;
}

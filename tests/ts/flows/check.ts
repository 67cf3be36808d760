// Small helpers shared by the flows: where the mock is, and checks that
// stop the flow with a message naming the step.

/** The mock's root URL, e.g. http://127.0.0.1:41235 (set by tests/ts_test.go). */
export function mockURL(): string {
  const url = process.env["MOCK_URL"];
  if (!url) {
    throw new Error("MOCK_URL is not set: start the mock and set MOCK_URL to its root URL");
  }
  return url;
}

/** Fails the flow unless cond holds. */
export function expect(cond: boolean, step: string, detail: unknown): asserts cond {
  if (!cond) {
    throw new Error(`${step}: ${JSON.stringify(detail)}`);
  }
}

/** Returns data, failing the flow if the call answered an error instead. */
export function ok<T>(step: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) {
    throw new Error(`${step}: status ${r.response.status}: ${JSON.stringify(r.error)}`);
  }
  console.log(`ok ${step} (${r.response.status})`);
  return r.data;
}

/** Runs a flow and sets the exit code. */
export function run(name: string, flow: () => Promise<void>): void {
  flow().then(
    () => console.log(`${name}: flow passed`),
    (err: unknown) => {
      console.error(`${name}: flow FAILED: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}

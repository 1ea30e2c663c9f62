import type { Call, CallOutcome, NetworkSpec, StartedTarget, Target } from '../../src';

function encoded(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'json' in value) return JSON.stringify(value.json);
  return value;
}

/**
 * A deliberately wrong target: a mock whose probe `getState` reads the transaction's own earlier writes, as a
 * peer with read-your-writes would (S-01 says a real peer never does). It rewrites the probe's results after the
 * real mock ran the call.
 */
function withOwnWrites(call: Call, outcome: CallOutcome): CallOutcome {
  if (call.ops === undefined || !Array.isArray(outcome.payload)) return outcome;
  const written = new Map<string, unknown>();
  const payload = outcome.payload.map((entry: unknown, index) => {
    const op = call.ops?.[index];
    if (op?.['op'] === 'putState') written.set(String(op['key']), encoded(op['value']));
    if (op?.['op'] === 'deleteState') written.set(String(op['key']), '');
    if (op?.['op'] === 'getState' && written.has(String(op['key']))) {
      return { op: 'getState', result: written.get(String(op['key'])) };
    }
    return entry;
  });
  return { ...outcome, payload };
}

export class ReadYourWritesTarget implements Target {
  readonly name = 'rw-mock';

  constructor(private readonly inner: Target) {}

  async start(network: NetworkSpec): Promise<StartedTarget> {
    const started = await this.inner.start(network);
    return {
      submit: async (call) => withOwnWrites(call, await started.submit(call)),
      evaluate: async (call) => withOwnWrites(call, await started.evaluate(call)),
      block: async (calls) =>
        (await started.block(calls)).map((outcome, index) => {
          const call = calls[index];
          return call === undefined ? outcome : withOwnWrites(call, outcome);
        }),
      stop: () => started.stop(),
      [Symbol.asyncDispose]: () => started.stop(),
    };
  }
}

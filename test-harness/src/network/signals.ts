const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The clean-ups of every network of this process that is starting or started and not yet stopped. */
const cleanUps = new Set<() => Promise<void>>();
let exiting = false;

/**
 * Runs `cleanUp` when the process gets SIGINT or SIGTERM, then exits with the conventional status (128 + signal
 * number). One handler serves every network of the process: on a signal all their clean-ups run together, and the
 * process exits only after the last one settled (a handler per network would exit after the first, leaving the
 * others' containers behind). A second signal during clean-up is ignored with a note, since Ctrl-C pressed twice
 * would otherwise leak what is being removed. Returns a function that removes `cleanUp` again.
 */
export function onTerminationSignal(cleanUp: () => Promise<void>): () => void {
  cleanUps.add(cleanUp);
  if (cleanUps.size === 1) {
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  return () => {
    cleanUps.delete(cleanUp);
    if (cleanUps.size === 0 && !exiting) {
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    }
  };
}

function onSignal(signal: NodeJS.Signals): void {
  if (exiting) {
    process.stderr.write(`fabric-testkit: ${signal} again; still removing containers (SIGKILL stops without)\n`);
    return;
  }
  exiting = true;
  const code = 128 + (signal === 'SIGINT' ? 2 : 15);
  void Promise.allSettled([...cleanUps].map((cleanUp) => cleanUp())).then(() => process.exit(code));
}

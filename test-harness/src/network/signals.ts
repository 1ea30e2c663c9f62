const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `cleanUp` when the process gets SIGINT or SIGTERM, then exits with the conventional status
 * (128 + signal number). Returns a function that removes the handlers.
 */
export function onTerminationSignal(cleanUp: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    unregister();
    const code = 128 + (signal === 'SIGINT' ? 2 : 15);
    cleanUp().then(
      () => process.exit(code),
      () => process.exit(code),
    );
  };
  const unregister = (): void => {
    for (const signal of SIGNALS) {
      process.removeListener(signal, handler);
    }
  };
  for (const signal of SIGNALS) {
    process.once(signal, handler);
  }
  return unregister;
}

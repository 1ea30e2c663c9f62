/**
 * Which chaincode a deploy names, in one place for both targets: Node contract classes, a Node contract package, a
 * Go main package, or any program serving the chaincode protocol. Exactly one; the mock may run the Node forms in
 * process, everything else is a program the peer talks to over the chaincode protocol.
 */
import type { ChaincodeModule } from '@fabric-testkit/test-harness';
import type { DeployOptions } from '../types';

const SOURCES = ['contracts', 'modulePath', 'go', 'server'] as const;

/** The sources a deploy names, refusing none or several with what to give instead. */
function namedSource(options: DeployOptions): (typeof SOURCES)[number] {
  const named = SOURCES.filter((source) => options[source] !== undefined);
  const [only, ...others] = named;
  if (only === undefined) {
    throw new Error(
      `deploy ${options.name}: no chaincode: give modulePath (a Node contract package), go (a Go main package), ` +
        'server (a program serving the chaincode protocol) or, on the mock, contracts',
    );
  }
  if (others.length > 0) throw new Error(`deploy ${options.name}: give one of ${named.join(', ')}, not several`);
  return only;
}

/**
 * The program that serves the chaincode, as the harness starts it; `undefined` when the chaincode runs in the
 * test's process (the mock's default for Node). `inProcess` says whether the target can run Node in process.
 */
export function chaincodeProgramOf(options: DeployOptions, inProcess: boolean): ChaincodeModule | undefined {
  const source = namedSource(options);
  if (options.served === true && source !== 'modulePath') {
    throw new Error(
      `deploy ${options.name}: served serves a modulePath package; ${source} ${source === 'contracts' ? 'are classes in this process' : 'is always served'}`,
    );
  }
  switch (source) {
    case 'go':
      return { go: options.go as string };
    case 'server':
      return { server: options.server as NonNullable<DeployOptions['server']> };
    case 'modulePath':
      return inProcess && options.served !== true ? undefined : { contractPackage: options.modulePath as string };
    case 'contracts':
      return undefined;
  }
}

/** The directory whose `META-INF/statedb/couchdb` indexes a peer installs with the package, if any. */
export function packageDirectoryOf(options: DeployOptions): string | undefined {
  return options.modulePath ?? options.go;
}

/**
 * Mocha hooks for two-target suites: a network per suite and a fixture per test, with the timeouts a real network
 * needs (about 15 s to start, a few seconds for a fresh fixture channel) and mocha's own on the mock.
 *
 * @example
 * ```ts
 * const network = useNetwork(() => createNetwork().withOrganizations('Org1MSP', 'Org2MSP'));
 * let alice: ChaincodeClient;
 * useFixture(network, deployed, (value) => (alice = value));
 * it('creates an asset', async () => { await alice.submit('CreateAsset', 'a1', 'blue', '5', '300'); });
 * ```
 */
import type { NetworkBuilder } from './network-builder';
import type { StartedNetwork } from './types';

/** How long a real network may take to start, and to stop with its fixture channels in the making. */
const NETWORK_START_MS = 300_000;
const NETWORK_STOP_MS = 60_000;
/** How long a fixture may take on a real network: a fresh channel with its definitions, then the fixture's calls. */
const NETWORK_FIXTURE_MS = 180_000;
/** How long one test may take on a real network, where each submit waits for a block. */
const NETWORK_TEST_MS = 120_000;

/**
 * Starts the network `build()` gives before the enclosing suite and stops it after; returns a getter for it. On a
 * real network it also gives each test of the suite a longer timeout.
 */
export function useNetwork(build: () => NetworkBuilder): () => StartedNetwork {
  let network: StartedNetwork | undefined;
  before(async function () {
    const builder = build();
    if (builder.target === 'network') this.timeout(NETWORK_START_MS);
    network = await builder.start();
  });
  beforeEach(function () {
    if (network?.target === 'network') this.currentTest?.timeout(NETWORK_TEST_MS);
  });
  after(async function () {
    if (network?.target === 'network') this.timeout(NETWORK_STOP_MS);
    await network?.stop();
  });
  return () => {
    if (network === undefined) throw new Error('the network is not started yet: use it in a test or a hook');
    return network;
  };
}

/** Gives each test of the enclosing describe the fixture's state (`network.loadFixture`), handed to `use`. */
export function useFixture<T>(
  network: () => StartedNetwork,
  fixture: (network: StartedNetwork) => Promise<T>,
  use: (value: T) => void,
): void {
  beforeEach(async function () {
    if (network().target === 'network') this.timeout(NETWORK_FIXTURE_MS);
    use(await network().loadFixture(fixture));
  });
}

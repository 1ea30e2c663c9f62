/**
 * `fabric-testkit demo`: a short story on the in-memory Fabric network, no Docker needed. Two organizations,
 * the asset-transfer-basic chaincode loaded from its package as a peer loads it, and a few transactions that
 * show what a peer does: endorsement errors, events, MVCC conflicts in one block, key history.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { mockLedgerSource, startExplorer, type RunningExplorer } from '@fabric-testkit/explorer';
import { parsePort, untilInterrupted } from './explore';
import {
  isFabricError,
  MockNetwork,
  type ChaincodeClient,
  type StartedMockNetwork,
  type TransactionResult,
} from '@fabric-testkit/contract-test';

/** Where the demo writes its lines. */
export type DemoOutput = (line: string) => void;

interface OwnerJson {
  MSPID: string;
  ID: string;
}

interface AssetJson {
  ID: string;
  Color: string;
  Size: number;
  AppraisedValue: number;
  Owner: OwnerJson;
}

interface HistoryJson {
  TxId: string;
  IsDelete: boolean;
  Asset: AssetJson | null;
}

/** The directory of the asset-transfer-basic package, whose `main` exports the contracts. */
function contractPackageDir(): string {
  return path.dirname(require.resolve('@fabric-testkit/asset-transfer-basic/package.json'));
}

function short(txId: string): string {
  return `${txId.slice(0, 8)}…`;
}

/** `alice@Org1MSP` from an owner's X.509 id. */
function ownerName(owner: OwnerJson): string {
  return `${/CN=([^,/:]+)/.exec(owner.ID)?.[1] ?? owner.ID}@${owner.MSPID}`;
}

function describeCommit(result: TransactionResult): string {
  const event = result.event === undefined ? 'no event' : `event ${result.event.name}`;
  return `committed: block ${result.blockNumber}, tx ${short(result.txId)}, ${result.validationCode}, ${event}`;
}

/** `demo --explore`: the explorer page for the demo's network, served from before the first block. */
export interface DemoExploreOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** Called when the story is done; the explorer serves until the promise it returns settles (the CLI: Ctrl-C). */
  readonly until: (explorer: RunningExplorer) => Promise<void>;
}

export interface DemoOptions {
  readonly explore?: DemoExploreOptions;
}

/**
 * Runs the story and writes it to `out`. Resolves when done (with `explore`, when its `until` settles); rejects
 * if the network misbehaves.
 */
export async function runDemo(out: DemoOutput, options: DemoOptions = {}): Promise<void> {
  out('fabric-testkit demo: asset-transfer-basic on an in-memory Fabric network (no Docker)');
  out('');
  await using network = await new MockNetwork()
    .withOrganizations('Org1MSP', 'Org2MSP')
    .withChannel('mychannel')
    .withChaincodeLogLevel('CRITICAL')
    .start();
  // Awaited here: `await using` stops the network when this function returns.
  if (options.explore === undefined) {
    await runStory(network, out);
    return;
  }
  await using explorer = await startExplorer(mockLedgerSource(network.fabric), {
    ...(options.explore.port === undefined ? {} : { port: options.explore.port }),
  });
  out(`explorer  ${explorer.url} (blocks appear as they are committed)`);
  await runStory(network, out);
  await explorer.refresh();
  out('');
  out(`the explorer serves ${explorer.url} until stopped (Ctrl-C)`);
  await options.explore.until(explorer);
}

async function runStory(network: StartedMockNetwork, out: DemoOutput): Promise<void> {
  const deployed = await network.deploy({ name: 'basic', modulePath: contractPackageDir() });
  out(`network   organizations Org1MSP, Org2MSP; channel mychannel`);
  out(
    `chaincode ${deployed.name} ${deployed.version}, contracts ${deployed.contractNames.join(', ')}; endorsed by both organizations`,
  );
  const alice: ChaincodeClient = network.chaincode('basic', { as: network.identity('Org1MSP', 'alice') });
  const bob = alice.with({ as: network.identity('Org2MSP', 'bob') });
  const carol = alice.with({ as: network.identity('Org1MSP', 'carol') });
  out('clients   alice@Org1MSP, bob@Org2MSP, carol@Org1MSP');
  out('');

  out('1. alice creates asset1 (blue, size 5, value 300)');
  out(`   ${describeCommit(await alice.submit('CreateAsset', 'asset1', 'blue', '5', '300'))}`);

  out('2. bob reads asset1');
  const read = (await bob.evaluate('ReadAsset', 'asset1')).json<AssetJson>();
  out(`   ${read.ID}: ${read.Color}, size ${read.Size}, value ${read.AppraisedValue}, owner ${ownerName(read.Owner)}`);

  out('3. alice transfers asset1 to bob');
  const bobOwner = (await bob.evaluate('WhoAmI')).json<OwnerJson>();
  out(`   ${describeCommit(await alice.submit('TransferAsset', 'asset1', bobOwner.MSPID, bobOwner.ID))}`);

  out('4. alice tries to update asset1, which bob now owns');
  try {
    await alice.submit('UpdateAsset', 'asset1', 'red', '5', '300');
    out('   unexpectedly accepted');
  } catch (error) {
    if (!isFabricError(error, 'EndorseError')) throw error;
    // fabric-gateway's message only points at its details: show both, as a real gateway client would see them.
    out(`   rejected at endorsement (${error.name}): ${error.message}`);
    for (const detail of error.details) out(`     ${detail.address} (${detail.mspId}): ${detail.message}`);
  }

  out('5. bob sends two transfers of asset1 in one block: to alice, then to carol');
  const aliceOwner = (await alice.evaluate('WhoAmI')).json<OwnerJson>();
  const carolOwner = (await carol.evaluate('WhoAmI')).json<OwnerJson>();
  const results = await network.block([
    bob.endorse('TransferAsset', 'asset1', aliceOwner.MSPID, aliceOwner.ID),
    bob.endorse('TransferAsset', 'asset1', carolOwner.MSPID, carolOwner.ID),
  ]);
  for (const result of results) out(`   tx ${result.txNumber} ${short(result.txId)}: ${result.validationCode}`);
  out('   both read asset1 at the same version; the first write changed it, so the second is invalid');
  const now = network.ledger().json<AssetJson>('basic', 'asset1');
  out(`   asset1 is owned by ${now === undefined ? 'nobody' : ownerName(now.Owner)}`);

  out('6. history of asset1, newest first');
  const history = (await bob.evaluate('GetAssetHistory', 'asset1')).json<HistoryJson[]>();
  for (const entry of history) {
    const state = entry.Asset === null ? 'deleted' : `${entry.Asset.Color}, owner ${ownerName(entry.Asset.Owner)}`;
    out(`   tx ${short(entry.TxId)}: ${state}`);
  }
  out('');
  out(`done: ${network.ledger().blocks.length} blocks on mychannel`);
}

/** Registers `fabric-testkit demo`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run a short asset-transfer story on the in-memory Fabric network (no Docker needed)')
    .option('--explore', 'serve the explorer page for the demo network on 127.0.0.1 and keep serving until Ctrl-C')
    .option('--port <port>', 'port of the explorer page (with --explore; default: any free port)', parsePort)
    .action(async (options: { explore?: boolean; port?: number }) => {
      const out = (line: string): void => void process.stdout.write(`${line}\n`);
      if (options.explore !== true) return runDemo(out);
      const port = options.port === undefined ? {} : { port: options.port };
      return runDemo(out, { explore: { ...port, until: () => untilInterrupted() } });
    });
}

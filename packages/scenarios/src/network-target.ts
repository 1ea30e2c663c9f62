/**
 * The real-network target: `@fabric-testkit/test-harness` starts CAs, a Raft orderer and one peer per
 * organization in containers (Fabric images), deploys each scenario chaincode through the real lifecycle with its
 * endorsement policy, collections and `initRequired`, and serves it as a service from this host. Calls go through
 * fabric-gateway clients of CA-issued identities (see network-calls.ts).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { COUCHDB_IMAGE } from '@fabric-testkit/images';
import { FabricNetwork, type ChaincodeOptions } from '@fabric-testkit/test-harness';
import { chaincodeModule, samplePackageDir } from './chaincode-packages';
import { StartedNetworkTarget } from './network-calls';
import { orgNameOf } from './org-names';
import type { StartedTarget, Target } from './target';
import type { ChaincodeSpec, NetworkSpec } from './types';

/** Options of {@link NetworkTarget}. */
export interface NetworkTargetOptions {
  /** Shown in reports. Default `network`. */
  readonly name?: string;
  /**
   * The orderer's batch timeout. A block step submits its transactions back to back and needs them cut into one
   * block, so this is longer than the harness's 20 ms default; every submit waits for it. Default `250ms`.
   */
  readonly batchTimeout?: string;
  /** Timeout of each start-up wait, in milliseconds. Default the harness's (60 s). */
  readonly startupTimeoutMs?: number;
  /** Progress lines (network start, deploys). Default: none. */
  readonly progress?: (line: string) => void;
}

/** Runs scenarios on a real Fabric network started in containers, one network per scenario. */
export class NetworkTarget implements Target {
  readonly name: string;

  /** Why this target cannot run a scenario: CouchDB peers need the CouchDB image (`fabric-testkit images --couchdb`). */
  unsupported(network: NetworkSpec): string | undefined {
    if (network.stateDatabase !== 'couchdb' || hasImage(COUCHDB_IMAGE)) return undefined;
    return `the scenario needs CouchDB peers and ${COUCHDB_IMAGE} is not present; make it with \`fabric-testkit images --couchdb --couchdb-source DIR\``;
  }

  constructor(private readonly options: NetworkTargetOptions = {}) {
    this.name = options.name ?? 'network';
  }

  async start(network: NetworkSpec): Promise<StartedTarget> {
    const started = Date.now();
    const fabric = await this.definition(network).start();
    this.options.progress?.(
      `[${this.name}] network ${fabric.id} up in ${Date.now() - started} ms: ${network.organizations.join(', ')}; ` +
        `chaincodes ${network.chaincodes.map((chaincode) => `${chaincode.name}@${chaincode.channel}`).join(', ')}`,
    );
    return new StartedNetworkTarget(fabric);
  }

  private definition(network: NetworkSpec): FabricNetwork {
    const batchTimeout = this.options.batchTimeout ?? '250ms';
    let definition = new FabricNetwork({
      stateDatabase: network.stateDatabase,
      ...(network.totalQueryLimit === undefined ? {} : { queryLimits: { totalQueryLimit: network.totalQueryLimit } }),
      ...(this.options.startupTimeoutMs === undefined ? {} : { startupTimeoutMs: this.options.startupTimeoutMs }),
    });
    for (const mspId of network.organizations)
      definition = definition.withOrganization({ name: orgNameOf(mspId), mspId });
    for (const channel of network.channels) {
      definition = definition.withChannel({
        name: channel.name,
        members: channel.organizations.map(orgNameOf),
        batchTimeout,
      });
    }
    for (const chaincode of network.chaincodes) definition = definition.withChaincode(chaincodeOptions(chaincode));
    return definition;
  }
}

function chaincodeOptions(chaincode: ChaincodeSpec): ChaincodeOptions {
  return {
    name: chaincode.name,
    channel: chaincode.channel,
    chaincode: chaincodeModule(chaincode),
    // The probe is served as a raw module; its CouchDB indexes are in the META-INF beside its package.json.
    ...(chaincode.sample === 'probe' ? { metaInf: path.join(samplePackageDir('probe'), 'META-INF') } : {}),
    ...(chaincode.endorsementPolicy === undefined ? {} : { signaturePolicy: chaincode.endorsementPolicy }),
    ...(chaincode.collections === undefined ? {} : { collections: chaincode.collections }),
    ...(chaincode.initRequired === undefined ? {} : { initRequired: chaincode.initRequired }),
  };
}

/** Whether the docker engine has the image (asked once per image and process). */
const present = new Map<string, boolean>();
function hasImage(ref: string): boolean {
  let known = present.get(ref);
  if (known === undefined) {
    known = spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore', timeout: 20_000 }).status === 0;
    present.set(ref, known);
  }
  return known;
}

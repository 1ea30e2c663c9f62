import { dirname } from 'node:path';
import type { Contract } from '@hyperledger/fabric-gateway';
import type { GatewayConnection } from '@fabric-testkit/test-harness';
import type { DrillTarget } from '../chaincode/transactions';

/** The chaincode name both versions of the asset-upgrade sample are deployed under. */
export const ASSET_UPGRADE = 'asset-upgrade';

/** A version of the asset-upgrade sample contract. */
export type AssetUpgradeVersion = 'v1' | 'v2';

/** The package directory of a version of the sample (its `package.json` `main` exports `contracts`). */
export function contractDirectory(version: AssetUpgradeVersion): string {
  return dirname(require.resolve(`@fabric-testkit/asset-transfer-upgrade-${version}/package.json`));
}

/** An asset as both versions store its version 1 fields. */
export interface AssetFields {
  readonly ID: string;
  readonly Color: string;
  readonly Size: number;
  readonly Owner: string;
  readonly AppraisedValue?: number;
  readonly SchemaVersion?: number;
}

/** One gateway connection per organization, with the chaincode's contract; `close()` closes them all. */
export class OrgClients implements AsyncDisposable {
  readonly #connections = new Map<string, GatewayConnection>();
  readonly #target: DrillTarget;
  readonly #chaincode: string;

  constructor(target: DrillTarget, chaincode: string) {
    this.#target = target;
    this.#chaincode = chaincode;
  }

  /** The contract through an organization's gateway (its admin, its first peer). */
  contract(organization: string): Contract {
    let connection = this.#connections.get(organization);
    if (!connection) {
      connection = this.#target.network.connectGateway(organization);
      this.#connections.set(organization, connection);
    }
    return connection.gateway.getNetwork(this.#target.channel).getContract(this.#chaincode);
  }

  /** Closes and forgets every connection (a later `contract()` reconnects). */
  close(): void {
    for (const connection of this.#connections.values()) {
      connection.close();
    }
    this.#connections.clear();
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }
}

/** What `Version` answers through each organization's gateway, as `Org1MSP=v2`. */
export async function versionsAnswered(target: DrillTarget, clients: OrgClients): Promise<string[]> {
  return Promise.all(
    target.network.organizations.map(async (o) => {
      const answer = Buffer.from(await clients.contract(o.name).evaluateTransaction('Version')).toString();
      return `${o.mspId}=${answer}`;
    }),
  );
}

/** Reads an asset through a contract. */
export async function readAsset(contract: Contract, id: string): Promise<AssetFields> {
  return JSON.parse(Buffer.from(await contract.evaluateTransaction('ReadAsset', id)).toString()) as AssetFields;
}

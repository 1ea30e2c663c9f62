/**
 * What deploy, invoke, query, events and identity do, whatever runs the network: {@link CommandTarget}, with a real
 * network behind it (fabric-target.ts: fabric-gateway and the harness's lifecycle calls) or the in-memory peer
 * (mock-target.ts). Both report the same shapes, so a command prints the same on either.
 */
import type { ChaincodeLanguage, ChaincodeRecord, IdentityRecord, StoredDescription } from './network-state';
import { UnknownChaincodeError, UnknownIdentityError, UnknownOrganizationError } from './network-errors';

/** What `deploy` and `upgrade` commit. */
export interface DeployRequest {
  readonly name: string;
  /** The chaincode's directory, absolute: a contract package, or a Go chaincode's main package. */
  readonly directory: string;
  /** What the directory holds: Node (a contract package, the default) or Go. */
  readonly language: ChaincodeLanguage;
  readonly version: string;
  readonly endorsementPolicy?: string;
  readonly collections?: ChaincodeRecord['collections'];
  /** true for `upgrade`: the next sequence of a deployed chaincode. */
  readonly upgrade: boolean;
}

/** Who calls a chaincode: a registered identity, else an organization's admin. */
export interface Caller {
  /** `--as NAME`: a registered identity. */
  readonly as?: string;
  /** `--org ORG`: whose admin calls (and on whose peer the gateway runs). Default: the first organization. */
  readonly organization?: string;
}

/** What `invoke` and `query` call. */
export interface CallRequest extends Caller {
  readonly chaincode: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly transient: Readonly<Record<string, string>>;
  /** `--endorsing-orgs`: the MSP IDs whose peers endorse; default the gateway's plan from the policies. */
  readonly endorsingOrganizations?: readonly string[];
}

/** One committed transaction of `invoke`, valid or not. */
export interface InvokeOutcome {
  readonly transactionId: string;
  /** Fabric's `TxValidationCode` name: `VALID`, `MVCC_READ_CONFLICT`, `ENDORSEMENT_POLICY_FAILURE`, … */
  readonly validationCode: string;
  readonly blockNumber: number;
  /** The chaincode's response payload as UTF-8. */
  readonly result: string;
}

/** A chaincode event as `events` prints it. */
export interface EventOutcome {
  readonly blockNumber: number;
  readonly transactionId: string;
  readonly eventName: string;
  /** The payload as UTF-8. */
  readonly payload: string;
}

/** Options of {@link CommandTarget.events}. */
export interface EventsRequest {
  readonly chaincode: string;
  /** First block to read; default the next block. */
  readonly from?: number;
  /** Stop after this many events; default follow until `signal` aborts. */
  readonly count?: number;
  readonly signal: AbortSignal;
}

/** The operations of the commands on one network. */
export interface CommandTarget {
  /** Commits a chaincode definition (installing and serving its package on a real network). */
  deploy(request: DeployRequest, progress: (line: string) => void): Promise<ChaincodeRecord>;
  /** Submits the transaction `concurrent` times, all endorsed before any is ordered. */
  invoke(request: CallRequest, concurrent: number): Promise<InvokeOutcome[]>;
  /** Evaluates on one peer; nothing is committed. Resolves with the payload as UTF-8. */
  query(request: CallRequest): Promise<string>;
  /** Calls `onEvent` for each chaincode event until `count` or the signal. */
  events(request: EventsRequest, onEvent: (event: EventOutcome) => void): Promise<void>;
  /** Registers and enrolls a client identity of an organization. */
  registerIdentity(
    organization: string,
    name: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<IdentityRecord>;
  /** Releases connections and stops what the command started; the network keeps running. */
  close(): Promise<void>;
}

/** The organization `ORG` names: its name (`org1`) or MSP ID (`Org1MSP`), in any case. */
export function organizationOf<T extends { readonly name: string; readonly mspId: string }>(
  organizations: readonly T[],
  organization: string,
): T {
  const wanted = organization.toLowerCase();
  const found = organizations.find((o) => o.name.toLowerCase() === wanted || o.mspId.toLowerCase() === wanted);
  if (found === undefined) throw new UnknownOrganizationError(organization, organizations);
  return found;
}

/** The deployed chaincode named `name`. */
export function chaincodeOf(description: StoredDescription, name: string): ChaincodeRecord {
  const chaincodes = description.chaincodes ?? [];
  const found = chaincodes.find((c) => c.name === name);
  if (found === undefined) {
    throw new UnknownChaincodeError(
      name,
      description.id,
      chaincodes.map((c) => c.name),
    );
  }
  return found;
}

/** The registered identity named `name`. */
export function identityOf(description: StoredDescription, name: string): IdentityRecord {
  const identities = description.identities ?? [];
  const found = identities.find((i) => i.name === name);
  if (found === undefined)
    throw new UnknownIdentityError(
      name,
      identities.map((i) => `${i.name} (${i.mspId})`),
    );
  return found;
}

/** The chaincode records with `record` in place of the one of the same name (or added). */
export function withChaincode(
  chaincodes: readonly ChaincodeRecord[] | undefined,
  record: ChaincodeRecord,
): ChaincodeRecord[] {
  return [...(chaincodes ?? []).filter((c) => c.name !== record.name), record];
}

/**
 * How the Fabric Gateway collects endorsements and words its refusals (`internal/pkg/gateway/endorse.go`,
 * `endorsement.go` processEndorsement, `apiutils.go` responseStatus), for the mock's one peer per organization.
 * G-01 to G-04.
 */
import type { ChaincodeResponse, EndorserDetail, GatewayRefusal } from '../api';
import { gatewayRefuses } from '@fabric-testkit/fabric-core';
import { describeDifference, differenceOf } from '../internal/determinism';
import type { Simulation } from '../internal/endorser';
import { RwSetBuilder } from '../internal/rwset';
import type { ChaincodeCall } from './interest';
import type { LayoutsResult } from './layouts';

/** What the gateway collected: the endorsement it would prepare, or its refusal. */
export interface Collected {
  /** The simulation whose results the transaction carries (the first successful one). */
  readonly first: Simulation;
  /** The organizations whose peers endorsed (or were asked to, when refused). */
  readonly organizations: readonly string[];
  readonly refusal?: GatewayRefusal;
  /** The response a refused endorsement reports: the first failing endorser's, else the gateway's text. */
  readonly refusedResponse?: ChaincodeResponse;
  /** What differed, when an endorser's payload did not match the first. */
  readonly mismatch?: string;
}

/** One organization's simulation of the proposal. */
export type RunOn = (organization: string) => Promise<Simulation>;

const COLLECT_FAILED = 'failed to collect enough transaction endorsements, see attached details for more info';
const FIRST_FAILED = 'failed to endorse transaction, see attached details for more info';
const PAYLOADS_DO_NOT_MATCH = 'ProposalResponsePayloads do not match';

/** The address the mock gives an organization's one peer. */
export function peerAddress(mspId: string): string {
  return `peer0.${mspId.toLowerCase()}:7051`;
}

/**
 * `responseStatus`: an error the chaincode returned reads `chaincode response STATUS, MESSAGE`; an error the peer
 * made itself (a status 500 with no payload: simulation failed, chaincode not found) is the peer's text as it is.
 */
export function endorserDetail(mspId: string, simulation: Simulation): EndorserDetail {
  const { status, message } = simulation.response;
  return {
    address: peerAddress(mspId),
    mspId,
    message: simulation.generatedByPeer === true ? message : `chaincode response ${status}, ${message}`,
  };
}

/** Tracks endorsements against the first one, as a gateway `plan` does. */
class Endorsements {
  readonly successes = new Map<string, Simulation>();
  readonly failed = new Set<string>();
  readonly details: EndorserDetail[] = [];
  reference: Simulation | undefined;
  failedResponse: ChaincodeResponse | undefined;
  mismatch: string | undefined;

  constructor(private readonly txId: string) {}

  /** Records one endorser's answer; true when it counts. */
  add(mspId: string, simulation: Simulation): boolean {
    if (gatewayRefuses(simulation.response.status)) {
      this.failed.add(mspId);
      this.details.push(endorserDetail(mspId, simulation));
      this.failedResponse ??= simulation.response;
      return false;
    }
    if (this.reference === undefined) {
      this.reference = simulation;
    } else {
      const difference = differenceOf(this.reference, simulation);
      if (difference !== undefined) {
        this.failed.add(mspId);
        this.details.push({ address: peerAddress(mspId), mspId, message: PAYLOADS_DO_NOT_MATCH });
        this.mismatch ??= describeDifference(this.txId, difference);
        return false;
      }
    }
    this.successes.set(mspId, simulation);
    return true;
  }

  refused(first: Simulation, organizations: readonly string[], message: string): Collected {
    return {
      first: this.reference ?? first,
      organizations,
      refusal: { code: 'ABORTED', message, details: this.details },
      refusedResponse: this.failedResponse ?? { status: 500, message: PAYLOADS_DO_NOT_MATCH, payload: Buffer.alloc(0) },
      ...(this.mismatch === undefined ? {} : { mismatch: this.mismatch }),
    };
  }
}

/** `planForOrgs`: one peer of each named organization must endorse, and all must agree. */
export async function collectFromOrganizations(
  organizations: readonly string[],
  runOn: RunOn,
  txId: string,
): Promise<Collected> {
  const endorsements = new Endorsements(txId);
  let first: Simulation | undefined;
  for (const mspId of organizations) {
    const simulation = await runOn(mspId);
    first ??= simulation;
    endorsements.add(mspId, simulation);
  }
  if (first === undefined) throw new Error('at least one endorsing organization is required');
  if (endorsements.failed.size > 0) return endorsements.refused(first, organizations, COLLECT_FAILED);
  return { first: endorsements.reference ?? first, organizations };
}

/** What {@link collectByPlan} needs besides the simulations. */
export interface PlanInput {
  /** The gateway's organization: its peer endorses first when it has the chaincode. */
  readonly local: string;
  /** The chaincode the proposal invokes. */
  readonly chaincode: string;
  /** Whether an organization's peers have the chaincode installed (G-08). */
  readonly installed: (organization: string) => boolean;
  readonly txId: string;
  readonly hasTransientData: boolean;
  /** The chaincode interest of a simulation's results. */
  readonly interestOf: (simulation: Simulation) => ChaincodeCall[];
  /** Discovery's layouts for an interest, preferring those with the `preferred` organization. */
  readonly layoutsFor: (calls: readonly ChaincodeCall[], preferred: string) => LayoutsResult;
}

/** A refusal before any peer was asked: the gateway's own status and text, no details (`status.Error`). */
export function refusedBeforeEndorsing(code: GatewayRefusal['code'], message: string): Collected {
  const rwset = new RwSetBuilder();
  const response = { status: 500, message, payload: Buffer.alloc(0) };
  return {
    first: { response, generatedByPeer: true, rwset, readWriteSet: rwset.toReadWriteSet() },
    organizations: [],
    refusal: { code, message, details: [] },
    refusedResponse: response,
  };
}

/**
 * `planFromFirstEndorser` step 1: the gateway's organization's peer when it has the chaincode; else, without
 * transient data, the first peer of discovery's plan for the chaincode alone; with transient data, a refusal.
 */
function firstEndorser(input: PlanInput): string | Collected {
  if (input.installed(input.local)) return input.local;
  if (input.hasTransientData) {
    return refusedBeforeEndorsing(
      'FAILED_PRECONDITION',
      "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect " +
        'transient data',
    );
  }
  const defaultInterest: ChaincodeCall = {
    name: input.chaincode,
    noPrivateReads: true,
    keyPolicies: [],
    disregardNamespacePolicy: false,
  };
  const planned = input.layoutsFor([defaultInterest], input.local);
  if ('error' in planned) return refusedBeforeEndorsing('FAILED_PRECONDITION', planned.error);
  return planned.layouts[0]?.[0] ?? input.local;
}

/**
 * `planFromFirstEndorser`, then the plan's layouts in order: the local peer endorses first; its interest gives the
 * layouts; each layout is tried with the endorsements already collected until one is complete. A layout that needs
 * an organization that failed is skipped (no other peer of that organization to retry on).
 */
export async function collectByPlan(input: PlanInput, runOn: RunOn): Promise<Collected> {
  const local = firstEndorser(input);
  if (typeof local !== 'string') return local;
  const first = await runOn(local);
  const endorsements = new Endorsements(input.txId);
  if (!endorsements.add(local, first)) return endorsements.refused(first, [local], FIRST_FAILED);
  const planned = planLayouts(input, local, input.interestOf(first));
  if ('error' in planned) {
    const refusal: GatewayRefusal = { code: 'FAILED_PRECONDITION', message: planned.error, details: [] };
    return {
      first,
      organizations: [local],
      refusal,
      refusedResponse: { status: 500, message: planned.error, payload: Buffer.alloc(0) },
    };
  }
  const asked = new Set([local]);
  for (const layout of planned.layouts) {
    if (layout.some((org) => endorsements.failed.has(org))) continue;
    for (const org of layout.filter((o) => !endorsements.successes.has(o))) {
      asked.add(org);
      if (!endorsements.add(org, await runOn(org))) break;
    }
    if (layout.every((org) => endorsements.successes.has(org))) return { first, organizations: layout };
  }
  return endorsements.refused(first, [...asked], COLLECT_FAILED);
}

/**
 * The layouts for the first endorsement's interest. With transient data, a collection the transaction only wrote
 * is treated as read, so only its members endorse (they may see the transient data); if only non-members could
 * satisfy the policies, the gateway refuses rather than leak it (endorse.go, Fabric PR 3445).
 */
function planLayouts(input: PlanInput, first: string, interest: readonly ChaincodeCall[]): LayoutsResult {
  const protectedCollections = input.hasTransientData
    ? interest.filter((c) => c.collection !== undefined && c.noPrivateReads).map((c) => c.collection ?? '')
    : [];
  if (protectedCollections.length === 0) return input.layoutsFor(interest, first);
  const guarded = input.layoutsFor(
    interest.map((c) => ({ ...c, noPrivateReads: false })),
    first,
  );
  if ('layouts' in guarded || 'error' in input.layoutsFor(interest, first)) return guarded;
  return {
    error:
      'requires endorsement from organisation(s) that are not in the distribution policy of the private data ' +
      `collection(s): [${protectedCollections.join(' ')}]; retry specifying trusted endorsing organizations to ` +
      'protect transient data',
  };
}

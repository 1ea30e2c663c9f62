/** What one transaction's execution carries and yields, for the in-process and the over-the-wire paths alike. */
import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeResponse } from '../api';
import type { Signer } from '../identity/policy';

/** One transaction's proposal, shared by every chaincode it reaches. */
export interface TransactionRun {
  readonly txId: string;
  readonly signedProposal: peer.SignedProposal;
  /** The proposal's signature, computed when first read (see `proposal.ts`). */
  readonly signature: () => Uint8Array;
  readonly creator: Signer;
  /** MSP id of the endorsing peer (what `getMspID()` answers, S-06). */
  readonly peerMspId: string;
  /** `channel/chaincode` pairs currently executing: re-entry fails as `TXContexts.Create` does (S-70). */
  readonly executing: Set<string>;
}

export interface ExecutionResult {
  response: ChaincodeResponse;
  event?: { name: string; payload: Buffer };
  /** True when the peer made the error response itself, not the chaincode. */
  generatedByPeer?: boolean;
}

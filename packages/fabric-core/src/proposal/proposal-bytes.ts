/**
 * A chaincode proposal's bytes, as protoutil/proputils.go `CreateChaincodeProposalWithTxIDNonceAndTransient`
 * builds them (and fabric-gateway after it): `peer.Proposal{header, payload}` with the channel header, signature
 * header, invocation spec and transient map inside. The bytes are written directly (`protobuf/writer.ts`), several
 * times cheaper than message objects; a test checks them against `@hyperledger/fabric-protos`.
 */
import { bytesField, serialize, stringField, varintField, type Part } from '../protobuf/writer';
import { computeTransactionId } from './transaction-id';

/** `ChaincodeSpec.Type` values a proposal can name (`peer/chaincode.proto`). */
export const CHAINCODE_TYPES = { UNDEFINED: 0, GOLANG: 1, NODE: 2, CAR: 3, JAVA: 4 } as const;

/** What a proposal carries. */
export interface ProposalContent {
  /** The channel; empty for peer-level system chaincode calls (`InstallChaincode`, `JoinChain`). */
  readonly channelId: string;
  readonly chaincodeName: string;
  /** Function name first, then the arguments. */
  readonly args: readonly Uint8Array[];
  /** Private inputs, kept out of the transaction (`ChaincodeProposalPayload.TransientMap`). Default none. */
  readonly transient?: ReadonlyMap<string, Uint8Array>;
  /** `ChaincodeInput.is_init`, for the first transaction of an `--init-required` chaincode. Default false. */
  readonly isInit?: boolean;
  /** The channel header's timestamp. */
  readonly timestamp: Date;
  /** `SignatureHeader.nonce`, see {@link newNonce}. */
  readonly nonce: Uint8Array;
  /** `SignatureHeader.creator`: the serialized identity (`msp.SerializedIdentity`) of the client. */
  readonly creator: Uint8Array;
  /** `ChaincodeSpec.type`; default `GOLANG`, as the peer CLI sends it. */
  readonly chaincodeType?: (typeof CHAINCODE_TYPES)[keyof typeof CHAINCODE_TYPES];
}

/** Unsigned proposal bytes and the transaction ID in them. */
export interface ProposalBytes {
  readonly transactionId: string;
  readonly proposalBytes: Buffer;
}

/** `google.protobuf.Timestamp` of a date (seconds, nanos), for dates after 1970. */
function timestamp(date: Date): Part[] {
  const ms = date.getTime();
  return [varintField(1, Math.floor(ms / 1000)), varintField(2, (ms % 1000) * 1_000_000)];
}

/**
 * `peer.ChaincodeInput{args = 1, decorations = 2, is_init = 3}` as fields, for a proposal's invocation spec and for
 * the TRANSACTION message a peer sends its chaincode. Every argument is written, empty ones too (repeated field).
 */
export function chaincodeInputFields(args: readonly Uint8Array[], isInit: boolean): Part[] {
  return [...args.map((arg) => bytesField(1, arg, true)), varintField(3, isInit)];
}

/** Map fields are repeated entries `{key = 1, value = 2}`, written in key order as google-protobuf does. */
function transientEntries(transient: ReadonlyMap<string, Uint8Array> | undefined): Part[] {
  if (transient === undefined) return [];
  return [...transient.keys()].sort().map((key) =>
    // Map entries carry key and value even when empty (jspb.Map serializeBinary).
    bytesField(2, [stringField(1, key, true), bytesField(2, transient.get(key) ?? new Uint8Array(0), true)], true),
  );
}

/**
 * The proposal bytes for `content`, with `transactionId` in the channel header; see {@link buildProposalBytes}
 * for the usual case where the transaction ID is computed from nonce and creator.
 */
export function encodeProposal(content: ProposalContent, transactionId: string): Buffer {
  const chaincodeId = [stringField(2, content.chaincodeName)]; // peer.ChaincodeID{path = 1, name = 2, version = 3}
  const channelHeader = [
    varintField(1, 3), // type: ENDORSER_TRANSACTION
    bytesField(3, timestamp(content.timestamp)),
    stringField(4, content.channelId),
    stringField(5, transactionId),
    bytesField(7, [bytesField(2, chaincodeId)]), // extension: ChaincodeHeaderExtension{chaincode_id = 2}
  ];
  const signatureHeader = [bytesField(1, content.creator), bytesField(2, content.nonce)];
  const header = [bytesField(1, channelHeader), bytesField(2, signatureHeader)];
  const input = chaincodeInputFields(content.args, content.isInit ?? false);
  const spec = [
    varintField(1, content.chaincodeType ?? CHAINCODE_TYPES.GOLANG),
    bytesField(2, chaincodeId, true),
    bytesField(3, input, true),
  ];
  const invocation = [bytesField(1, spec, true)]; // ChaincodeInvocationSpec{chaincode_spec = 1}
  const payload = [bytesField(1, invocation), ...transientEntries(content.transient)];
  return serialize([bytesField(1, header), bytesField(2, payload)]);
}

/**
 * An endorser-transaction proposal, unsigned, and its transaction ID (hex SHA-256 of nonce and creator).
 * Sign `proposalBytes` with the creator's key and put both in a `peer.SignedProposal`.
 *
 * @example
 * ```ts
 * const { transactionId, proposalBytes } = buildProposalBytes({
 *   channelId: 'mychannel', chaincodeName: 'basic', args: [Buffer.from('ReadAsset'), Buffer.from('a1')],
 *   timestamp: new Date(), nonce: newNonce(), creator,
 * });
 * ```
 */
export function buildProposalBytes(content: ProposalContent): ProposalBytes {
  const transactionId = computeTransactionId(content.nonce, content.creator);
  return { transactionId, proposalBytes: encodeProposal(content, transactionId) };
}

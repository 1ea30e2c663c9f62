/**
 * A real peer's `common.Block` as the explorer's {@link BlockView}. The path through the protos
 * (fabric-protos common/common.proto, peer/transaction.proto, peer/proposal_response.proto, ledger/rwset):
 * Block.data → Envelope → Payload (ChannelHeader: type, tx id, timestamp; SignatureHeader: creator) → Transaction →
 * TransactionAction → ChaincodeActionPayload (the proposal's ChaincodeInvocationSpec: chaincode, function, args;
 * the endorsements) → ProposalResponsePayload → ChaincodeAction (results: TxReadWriteSet, events). The validation
 * codes are the block metadata's TRANSACTIONS_FILTER, one byte per transaction
 * (core/ledger/kvledger/... txflags.ValidationFlags).
 */
import { validationCodeName } from '@fabric-testkit/fabric-core';
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { creatorView } from '../identity/creator';
import { displayValue } from '../model/display-value';
import type {
  BlockView,
  CollectionView,
  CreatorView,
  EventView,
  NamespaceView,
  ReadView,
  TransactionView,
  VersionView,
} from '../model/views';

const { kvrwset } = ledger.rwset;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function version(v: ledger.rwset.kvrwset.Version | undefined): VersionView | null {
  return v === undefined ? null : { blockNumber: v.getBlockNum(), txNumber: v.getTxNum() };
}

function reads(list: readonly ledger.rwset.kvrwset.KVRead[]): ReadView[] {
  return list.map((r) => ({ key: r.getKey(), version: version(r.getVersion()) }));
}

function collectionView(hashed: ledger.rwset.CollectionHashedReadWriteSet): CollectionView {
  const set = kvrwset.HashedRWSet.deserializeBinary(hashed.getHashedRwset_asU8());
  return {
    collection: hashed.getCollectionName(),
    reads: set
      .getHashedReadsList()
      .map((r) => ({ keyHash: hex(r.getKeyHash_asU8()), version: version(r.getVersion()) })),
    writes: set.getHashedWritesList().map((w) => ({
      keyHash: hex(w.getKeyHash_asU8()),
      isDelete: w.getIsDelete(),
      valueHash: hex(w.getValueHash_asU8()),
    })),
  };
}

function namespaceView(ns: ledger.rwset.NsReadWriteSet): NamespaceView {
  const set = kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
  return {
    namespace: ns.getNamespace(),
    reads: reads(set.getReadsList()),
    rangeQueries: set.getRangeQueriesInfoList().map((q) => ({
      startKey: q.getStartKey(),
      endKey: q.getEndKey(),
      itrExhausted: q.getItrExhausted(),
      // A range read with a merkle summary (over `ledger.state.totalQueryLimit`... reads) lists no keys.
      reads: reads(q.getRawReads()?.getKvReadsList() ?? []),
    })),
    writes: set.getWritesList().map((w) => ({
      key: w.getKey(),
      isDelete: w.getIsDelete(),
      value: w.getIsDelete() ? '' : displayValue(w.getValue_asU8()),
    })),
    collections: ns.getCollectionHashedRwsetList().map(collectionView),
  };
}

function creatorOf(signatureHeaderBytes: Uint8Array): CreatorView {
  const header = common.SignatureHeader.deserializeBinary(signatureHeaderBytes);
  const identity = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
  return creatorView(identity.getMspid(), identity.getIdBytes_asU8());
}

function eventOf(bytes: Uint8Array): EventView | undefined {
  if (bytes.length === 0) return undefined;
  const event = peer.ChaincodeEvent.deserializeBinary(bytes);
  if (event.getEventName() === '') return undefined;
  return { name: event.getEventName(), payload: displayValue(event.getPayload_asU8()) };
}

/** What an endorser transaction's (first) action says: the invocation, the endorsers and the results. */
function endorserParts(data: Uint8Array): Partial<TransactionView> {
  const action = peer.Transaction.deserializeBinary(data).getActionsList()[0];
  if (action === undefined) return {};
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const proposal = peer.ChaincodeProposalPayload.deserializeBinary(actionPayload.getChaincodeProposalPayload_asU8());
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(proposal.getInput_asU8()).getChaincodeSpec();
  const [fcn, ...args] = spec?.getInput()?.getArgsList_asU8() ?? [];
  const endorsed = actionPayload.getAction();
  const endorsers = (endorsed?.getEndorsementsList() ?? []).map((e) =>
    msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid(),
  );
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
    endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
  );
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const results = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
  const event = eventOf(chaincodeAction.getEvents_asU8());
  return {
    chaincode: spec?.getChaincodeId()?.getName() ?? '',
    function: fcn === undefined ? '' : Buffer.from(fcn).toString('utf8'),
    args: args.map((arg) => displayValue(arg)),
    endorsingOrganizations: [...new Set(endorsers)].sort(),
    namespaces: results.getNsRwsetList().map(namespaceView),
    ...(event === undefined ? {} : { event }),
  };
}

const HEADER_TYPE_NAMES = new Map<number, string>(Object.entries(common.HeaderType).map(([name, n]) => [n, name]));

function transactionView(
  envelopeBytes: Uint8Array,
  blockNumber: number,
  txNumber: number,
  code: number,
): TransactionView {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  );
  const type = channelHeader.getType();
  const timestamp = channelHeader.getTimestamp()?.toDate();
  const base: TransactionView = {
    txId: channelHeader.getTxId(),
    blockNumber,
    txNumber,
    validationCode: validationCodeName(code) ?? String(code),
    type: HEADER_TYPE_NAMES.get(type) ?? String(type),
    chaincode: '',
    function: '',
    args: [],
    creator: creatorOf(payload.getHeader()?.getSignatureHeader_asU8() ?? new Uint8Array()),
    endorsingOrganizations: [],
    ...(timestamp === undefined ? {} : { timestamp: timestamp.toISOString() }),
    namespaces: [],
  };
  if (type !== common.HeaderType.ENDORSER_TRANSACTION) return base;
  return { ...base, ...endorserParts(payload.getData_asU8()) };
}

/** Decodes a serialized `common.Block` of `channel`. */
export function decodeBlock(channel: string, blockBytes: Uint8Array): BlockView {
  const block = common.Block.deserializeBinary(blockBytes);
  const number = block.getHeader()?.getNumber() ?? 0;
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const filter = metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  return {
    channel,
    number,
    transactions: envelopes.map((envelope, txNumber) =>
      transactionView(envelope, number, txNumber, filter[txNumber] ?? peer.TxValidationCode.NOT_VALIDATED),
    ),
  };
}

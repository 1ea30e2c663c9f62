/**
 * The in-memory peer as a ledger source: its committed blocks and chaincode definitions, read from the
 * `MockFabric` records. Private data is read as the mock records it (plaintext) and hashed as a real block carries
 * it; the explorer decides who sees the plaintext (`model/private-view.ts`).
 */
import { createHash } from 'node:crypto';
import { parsePolicy, policyMspIds, type CollectionConfig } from '@fabric-testkit/fabric-core';
import type {
  Block,
  CommittedTransaction,
  MockFabric,
  NamespaceReadWriteSet,
  Version,
} from '@fabric-testkit/mock-stub';
import { UnknownChannelError } from '../errors';
import { creatorView } from '../identity/creator';
import { displayValue } from '../model/display-value';
import type { LedgerSource } from '../model/ledger-source';
import type {
  BlockView,
  ChaincodeDefinitionView,
  CollectionDefinitionView,
  NamespaceView,
  TransactionView,
  VersionView,
} from '../model/views';

/** SHA-256 as a block's hashed read/write set holds it (core/ledger/kvledger/txmgmt/rwsetutil). */
function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function version(v: Version | null): VersionView | null {
  return v === null ? null : { blockNumber: v.blockNum, txNumber: v.txNum };
}

function namespaceView(ns: NamespaceReadWriteSet): NamespaceView {
  const reads = (list: NamespaceReadWriteSet['reads']): NamespaceView['reads'] =>
    list.map((r) => ({ key: r.key, version: version(r.version) }));
  return {
    namespace: ns.namespace,
    reads: reads(ns.reads),
    rangeQueries: ns.rangeQueries.map((q) => ({
      startKey: q.startKey,
      endKey: q.endKey,
      itrExhausted: q.itrExhausted,
      reads: reads(q.reads),
    })),
    writes: ns.writes.map((w) => ({
      key: w.key,
      isDelete: w.isDelete,
      value: w.isDelete ? '' : displayValue(w.value),
    })),
    collections: ns.collections.map((c) => ({
      collection: c.collection,
      reads: c.reads.map((r) => ({ keyHash: sha256(r.key), key: r.key, version: version(r.version) })),
      writes: c.writes.map((w) => ({
        keyHash: sha256(w.key),
        key: w.key,
        isDelete: w.isDelete,
        valueHash: w.isDelete ? '' : sha256(w.value),
        ...(w.isDelete ? {} : { value: displayValue(w.value) }),
      })),
    })),
  };
}

function transactionView(tx: CommittedTransaction): TransactionView {
  const e = tx.endorsement;
  return {
    txId: tx.txId,
    blockNumber: tx.blockNumber,
    txNumber: tx.txNumber,
    validationCode: tx.validationCode,
    type: 'ENDORSER_TRANSACTION',
    chaincode: e.chaincode,
    function: e.fcn,
    args: (e.args ?? []).map((arg) => displayValue(arg)),
    creator: creatorView(e.identity.mspId, e.identity.certificatePem),
    endorsingOrganizations: [...e.endorsingOrganizations],
    timestamp: e.timestamp.toISOString(),
    namespaces: e.readWriteSet.namespaces.map(namespaceView),
    ...(e.event === undefined ? {} : { event: { name: e.event.name, payload: displayValue(e.event.payload) } }),
  };
}

export function blockView(channel: string, block: Block): BlockView {
  return { channel, number: block.number, transactions: block.transactions.map(transactionView) };
}

/** A collection's definition for display: its policy's organizations are its members. */
export function collectionDefinitionView(config: CollectionConfig): CollectionDefinitionView {
  const policy = config.endorsementPolicy?.signaturePolicy ?? config.endorsementPolicy?.channelConfigPolicy;
  return {
    name: config.name,
    policy: config.policy,
    memberOrganizations: policyMspIds(parsePolicy(config.policy)),
    requiredPeerCount: config.requiredPeerCount ?? 0,
    maxPeerCount: config.maxPeerCount ?? 1,
    blockToLive: config.blockToLive ?? 0,
    memberOnlyRead: config.memberOnlyRead ?? false,
    memberOnlyWrite: config.memberOnlyWrite ?? false,
    ...(policy === undefined ? {} : { endorsementPolicy: policy }),
  };
}

class MockLedgerSource implements LedgerSource {
  readonly name: string;
  readonly #fabric: MockFabric;

  constructor(fabric: MockFabric, name: string) {
    this.#fabric = fabric;
    this.name = name;
  }

  organizations(): Promise<readonly string[]> {
    return Promise.resolve(this.#fabric.organizations.map((o) => o.mspId));
  }

  channels(): Promise<readonly string[]> {
    return Promise.resolve(this.#fabric.channels.map((c) => c.name));
  }

  height(channel: string): Promise<number> {
    return Promise.resolve(this.#channel(channel).blocks.length);
  }

  blocks(channel: string, from: number, to: number): Promise<readonly BlockView[]> {
    return Promise.resolve(
      this.#channel(channel)
        .blocks.slice(from, to)
        .map((block) => blockView(channel, block)),
    );
  }

  chaincodeDefinitions(channel: string): Promise<readonly ChaincodeDefinitionView[]> {
    return Promise.resolve(
      this.#channel(channel).chaincodeDefinitions.map((d) => ({
        name: d.name,
        version: d.version,
        sequence: d.sequence,
        endorsementPolicy: d.endorsementPolicy,
        initRequired: d.initRequired,
        collections: d.collections.map(collectionDefinitionView),
      })),
    );
  }

  watch(listener: () => void): () => void {
    const stops = this.#fabric.channels.map((channel) => channel.onBlock(() => listener()));
    return () => {
      for (const stop of stops) stop();
    };
  }

  #channel(name: string): MockFabric['channels'][number] {
    const channel = this.#fabric.channels.find((c) => c.name === name);
    if (channel === undefined)
      throw new UnknownChannelError(
        name,
        this.#fabric.channels.map((c) => c.name),
      );
    return channel;
  }
}

/**
 * The in-memory peer's ledgers as an explorer source.
 *
 * @example
 * ```ts
 * const explorer = await startExplorer(mockLedgerSource(network.fabric));
 * console.log(explorer.url);
 * ```
 */
export function mockLedgerSource(fabric: MockFabric, name = 'in-memory network'): LedgerSource {
  return new MockLedgerSource(fabric, name);
}

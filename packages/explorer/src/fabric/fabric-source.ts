/**
 * A real network as a ledger source, read through a Fabric Gateway connection: the query system chaincode for
 * heights and blocks (core/scc/qscc/query.go `GetChainInfo`, `GetBlockByNumber`) and `_lifecycle`
 * `QueryChaincodeDefinitions` for the committed definitions (core/chaincode/lifecycle/scc.go). Both need an identity
 * the channel's policies let read: an organization's admin, as `fabric-testkit up` leaves one in its state file.
 * A real block carries private data only as hashes, so that is all this source gives.
 */
import { parsePolicy, policyFromEnvelope, policyMspIds, policyToText } from '@fabric-testkit/fabric-core';
import { common, peer } from '@hyperledger/fabric-protos';
import { UnknownChannelError } from '../errors';
import type { LedgerSource } from '../model/ledger-source';
import type { BlockView, ChaincodeDefinitionView, CollectionDefinitionView } from '../model/views';
import { decodeBlock } from './block-decoder';

/** The calls the source makes on a contract: qscc's string-argument queries and `_lifecycle`'s protobuf ones. */
export interface LedgerContract {
  evaluateTransaction(name: string, ...args: string[]): Promise<Uint8Array>;
  evaluate(name: string, options: { arguments: Uint8Array[] }): Promise<Uint8Array>;
}

/** What the source uses of a fabric-gateway `Gateway` (which satisfies it). */
export interface LedgerGateway {
  getNetwork(channel: string): { getContract(name: string): LedgerContract };
}

export interface FabricLedgerSourceOptions {
  /** What is shown, e.g. `network ftk1a2b3c4d`. */
  readonly name: string;
  /** The organizations' MSP ids (the viewers the page offers). */
  readonly organizations: readonly string[];
  readonly channels: readonly string[];
  /**
   * A gateway connected as an identity that may query qscc and `_lifecycle` on the channels (an admin), or one per
   * channel (an organization's peer answers only for the channels it joined).
   */
  readonly gateway: LedgerGateway | ((channel: string) => LedgerGateway);
  /** Closes the connection when the source is closed. */
  readonly close?: () => void | Promise<void>;
}

/** A policy's text: the signature policy in Fabric's language, or the channel policy it refers to. */
function applicationPolicyText(policy: peer.ApplicationPolicy | undefined): string {
  if (policy === undefined) return '';
  const signature = policy.getSignaturePolicy();
  if (signature !== undefined) return policyToText(policyFromEnvelope(signature.serializeBinary()));
  return policy.getChannelConfigPolicyReference();
}

function collectionView(config: peer.CollectionConfig): CollectionDefinitionView | undefined {
  const collection = config.getStaticCollectionConfig();
  if (collection === undefined) return undefined;
  const member = collection.getMemberOrgsPolicy()?.getSignaturePolicy();
  const policy = member === undefined ? '' : policyToText(policyFromEnvelope(member.serializeBinary()));
  const endorsement = applicationPolicyText(collection.getEndorsementPolicy());
  return {
    name: collection.getName(),
    policy,
    memberOrganizations: policy === '' ? [] : policyMspIds(parsePolicy(policy)),
    requiredPeerCount: collection.getRequiredPeerCount(),
    maxPeerCount: collection.getMaximumPeerCount(),
    blockToLive: collection.getBlockToLive(),
    memberOnlyRead: collection.getMemberOnlyRead(),
    memberOnlyWrite: collection.getMemberOnlyWrite(),
    ...(endorsement === '' ? {} : { endorsementPolicy: endorsement }),
  };
}

function definitionView(
  d: peer.lifecycle.QueryChaincodeDefinitionsResult.ChaincodeDefinition,
): ChaincodeDefinitionView {
  const validation = peer.ApplicationPolicy.deserializeBinary(d.getValidationParameter_asU8());
  return {
    name: d.getName(),
    version: d.getVersion(),
    sequence: d.getSequence(),
    endorsementPolicy: applicationPolicyText(validation),
    initRequired: d.getInitRequired(),
    collections: (d.getCollections()?.getConfigList() ?? [])
      .map(collectionView)
      .filter((c): c is CollectionDefinitionView => c !== undefined),
  };
}

class FabricLedgerSource implements LedgerSource {
  readonly name: string;
  readonly #options: FabricLedgerSourceOptions;

  constructor(options: FabricLedgerSourceOptions) {
    this.name = options.name;
    this.#options = options;
  }

  organizations(): Promise<readonly string[]> {
    return Promise.resolve(this.#options.organizations);
  }

  channels(): Promise<readonly string[]> {
    return Promise.resolve(this.#options.channels);
  }

  async height(channel: string): Promise<number> {
    const bytes = await this.#qscc(channel).evaluateTransaction('GetChainInfo', channel);
    return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
  }

  async blocks(channel: string, from: number, to: number): Promise<readonly BlockView[]> {
    const qscc = this.#qscc(channel);
    const blocks: BlockView[] = [];
    for (let number = from; number < to; number++) {
      blocks.push(decodeBlock(channel, await qscc.evaluateTransaction('GetBlockByNumber', channel, String(number))));
    }
    return blocks;
  }

  async chaincodeDefinitions(channel: string): Promise<readonly ChaincodeDefinitionView[]> {
    this.#check(channel);
    const args = new peer.lifecycle.QueryChaincodeDefinitionsArgs().serializeBinary();
    const bytes = await this.#gateway(channel)
      .getNetwork(channel)
      .getContract('_lifecycle')
      .evaluate('QueryChaincodeDefinitions', { arguments: [args] });
    return peer.lifecycle.QueryChaincodeDefinitionsResult.deserializeBinary(bytes)
      .getChaincodeDefinitionsList()
      .map(definitionView);
  }

  async close(): Promise<void> {
    await this.#options.close?.();
  }

  #qscc(channel: string): LedgerContract {
    this.#check(channel);
    return this.#gateway(channel).getNetwork(channel).getContract('qscc');
  }

  #gateway(channel: string): LedgerGateway {
    const gateway = this.#options.gateway;
    return typeof gateway === 'function' ? gateway(channel) : gateway;
  }

  #check(channel: string): void {
    if (!this.#options.channels.includes(channel)) throw new UnknownChannelError(channel, this.#options.channels);
  }
}

/**
 * A real network's ledgers as an explorer source, read through a gateway connection.
 *
 * @example
 * ```ts
 * const source = fabricLedgerSource({ name: 'network ftk1', organizations: ['Org1MSP'], channels: ['mychannel'], gateway });
 * const explorer = await startExplorer(source); // polls the height every second
 * ```
 */
export function fabricLedgerSource(options: FabricLedgerSourceOptions): LedgerSource {
  return new FabricLedgerSource(options);
}

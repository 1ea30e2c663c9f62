/** Read access to a channel's committed ledger. Internal. */
import type { Block, HistoryEntry, MockChannel } from '@fabric-testkit/mock-stub';
import type { ChaincodeRef, LedgerView } from '../types';

function nameOf(chaincode: ChaincodeRef): string {
  return typeof chaincode === 'string' ? chaincode : chaincode.name;
}

export class LedgerViewImpl implements LedgerView {
  constructor(private readonly mockChannel: MockChannel) {}

  get channel(): string {
    return this.mockChannel.name;
  }

  state(chaincode: ChaincodeRef, key: string): Buffer | undefined {
    return this.mockChannel.getState(nameOf(chaincode), key);
  }

  json<T = unknown>(chaincode: ChaincodeRef, key: string): T | undefined {
    const value = this.state(chaincode, key);
    return value === undefined ? undefined : (JSON.parse(value.toString('utf8')) as T);
  }

  range(chaincode: ChaincodeRef, startKey?: string, endKey?: string): { key: string; value: Buffer }[] {
    return this.mockChannel.getStateRange(nameOf(chaincode), startKey, endKey);
  }

  privateData(chaincode: ChaincodeRef, collection: string, key: string): Buffer | undefined {
    return this.mockChannel.getPrivateData(nameOf(chaincode), collection, key);
  }

  privateDataHash(chaincode: ChaincodeRef, collection: string, key: string): Buffer | undefined {
    return this.mockChannel.getPrivateDataHash(nameOf(chaincode), collection, key);
  }

  metadata(
    chaincode: ChaincodeRef,
    key: string,
    options: { collection?: string } = {},
  ): { endorsementPolicy?: string } {
    const policy = this.mockChannel.getKeyEndorsementPolicy(nameOf(chaincode), key, options.collection);
    return policy === undefined ? {} : { endorsementPolicy: policy };
  }

  history(chaincode: ChaincodeRef, key: string): HistoryEntry[] {
    return this.mockChannel.getHistory(nameOf(chaincode), key);
  }

  get blocks(): readonly Block[] {
    return this.mockChannel.blocks;
  }
}

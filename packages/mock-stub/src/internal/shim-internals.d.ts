/**
 * Typings for the fabric-shim internals the mock drives directly (fabric-shim 2.5.8 ships types only for its
 * public entry). Kept minimal: only what the mock calls.
 */
declare module 'fabric-shim/lib/stub' {
  import type { peer } from '@hyperledger/fabric-protos';
  import type { ChaincodeStub as ShimChaincodeStub } from 'fabric-shim';

  class ChaincodeStub extends ShimChaincodeStub {
    constructor(
      handler: object,
      channelId: string,
      txId: string,
      input: peer.ChaincodeInput,
      signedProposal: peer.SignedProposal,
    );
    /** Set by `setEvent`; read by the handler when the chaincode completes. */
    chaincodeEvent?: peer.ChaincodeEvent;
  }
  export = ChaincodeStub;
}

declare module 'fabric-shim/lib/iterators' {
  import type { peer } from '@hyperledger/fabric-protos';
  import type { Iterators } from 'fabric-shim';

  export class StateQueryIterator implements Iterators.StateQueryIterator {
    constructor(handler: object, channelId: string, txId: string, response: peer.QueryResponse);
    next(): Promise<Iterators.NextResult<Iterators.KV>>;
    close(): Promise<void>;
    [Symbol.asyncIterator](): AsyncIterator<Iterators.KV>;
  }
  export class HistoryQueryIterator implements Iterators.HistoryQueryIterator {
    constructor(handler: object, channelId: string, txId: string, response: peer.QueryResponse);
    next(): Promise<Iterators.NextResult<Iterators.KeyModification>>;
    close(): Promise<void>;
    [Symbol.asyncIterator](): AsyncIterator<Iterators.KeyModification>;
  }
}

declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
  import type { ChaincodeInterface, ChaincodeResponse, ChaincodeStub } from 'fabric-shim';

  class ChaincodeFromContract implements ChaincodeInterface {
    constructor(
      contractClasses: (new () => object)[],
      serializers: { transaction: string; serializers: Record<string, unknown> },
      metadata?: object,
      title?: string,
      version?: string,
    );
    Init(stub: ChaincodeStub): Promise<ChaincodeResponse>;
    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse>;
  }
  export = ChaincodeFromContract;
}

declare module 'pouchdb-selector-core' {
  export function massageSelector(selector: unknown): Record<string, unknown>;
  export function matchesSelector(doc: unknown, selector: unknown): boolean;
  export function filterInMemoryFields(
    rows: { doc: unknown }[],
    request: { selector: Record<string, unknown>; sort?: unknown[] },
    fields: string[],
  ): { doc: unknown }[];
  export function createFieldSorter(sort: unknown[]): (a: { doc: unknown }, b: { doc: unknown }) => number;
  export function rowFilter(doc: unknown, selector: Record<string, unknown>, fields: string[]): boolean;
  export function getKey(obj: object): string;
  export function getValue(obj: object): unknown;
  export function getFieldFromDoc(doc: unknown, parsedField: string[]): unknown;
  export function parseField(field: string): string[];
}

declare module 'pouchdb-collate' {
  /** pouchdb-selector-core reads `collate` from the module object at each comparison. */
  export function collate(a: unknown, b: unknown): number;
}

declare module 'fabric-shim/lib/logger' {
  /** Sets the level of every fabric-shim logger, existing and future (`CORE_CHAINCODE_LOGGING_LEVEL`). */
  export function setLevel(level: string): void;
}

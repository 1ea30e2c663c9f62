import type { StateDatabase } from '../api';
import type { ChannelLedger } from '../ledger/channel-ledger';
import type { Deployment } from './deployment';
import type { KvResult, ResultsIterator } from './results-iterator';
import type { TxSimulator } from './simulator';

export interface ResolvedOptions {
  readonly stateDatabase: StateDatabase;
  readonly historyDatabase: boolean;
  readonly totalQueryLimit: number;
  readonly determinismCheck: boolean;
  readonly applicationCapability: 'V2_0' | 'V2_5';
}

/** What the endorser and committer need from a channel. */
export interface ChannelRuntime {
  readonly name: string;
  readonly organizations: readonly string[];
  readonly ledger: ChannelLedger;
  readonly deployments: ReadonlyMap<string, Deployment>;
  readonly options: ResolvedOptions;
  /** Another channel of the same fabric, for chaincode-to-chaincode calls. */
  channel(name: string): ChannelRuntime | undefined;
  richQuery(
    simulator: TxSimulator,
    namespace: string,
    collection: string,
    query: string,
    bookmark: string,
    pageSize: number,
    paginated: boolean,
  ): ResultsIterator<KvResult>;
}

import type { StateDatabase, TargetName } from './types';

/** A channel of a definition: its name and member organizations (MSP ids). */
export interface ChannelDefinition {
  readonly name: string;
  readonly members: readonly string[];
}

/** What both targets build a network from: organizations by MSP id, channels, peer options. */
export interface NetworkDefinition {
  readonly target: TargetName;
  readonly organizations: readonly string[];
  readonly channels: readonly ChannelDefinition[];
  readonly stateDatabase?: StateDatabase;
  /** `ledger.state.totalQueryLimit`. */
  readonly totalQueryLimit?: number;
  /** Where the chaincode's coverage reports go when the network stops (`withChaincodeCoverage`). */
  readonly chaincodeCoverage?: string;
  /** Real network only: the Fabric version (`2.5`, `3.1` or a tag). */
  readonly fabricVersion?: string;
  /** Real network only: the orderer's batch timeout. */
  readonly batchTimeout?: string;
  /** Real network only: progress lines of long steps (network start, deploys, fixture channels). */
  readonly progress?: (line: string) => void;
}

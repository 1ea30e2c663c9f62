/**
 * Where the explorer reads a ledger from: the in-memory peer's records (`mock/mock-source.ts`) or a real peer's
 * blocks through a gateway (`fabric/fabric-source.ts`). A source only reads and decodes; explanations and what
 * a viewer may see are the model's (`ledger-explorer.ts`), so both sources are explained alike.
 */
import type { BlockView, ChaincodeDefinitionView } from './views';

export interface LedgerSource {
  /** What is shown, e.g. `in-memory network`. */
  readonly name: string;
  /** The organizations' MSP ids (viewers the page offers). */
  organizations(): Promise<readonly string[]>;
  channels(): Promise<readonly string[]>;
  /** Number of blocks of the channel. */
  height(channel: string): Promise<number>;
  /**
   * Blocks `from` up to (not including) `to`, decoded; without explanations. Private reads and writes carry
   * `key`/`value` only when the source holds them (the mock does), and always their hashes.
   */
  blocks(channel: string, from: number, to: number): Promise<readonly BlockView[]>;
  chaincodeDefinitions(channel: string): Promise<readonly ChaincodeDefinitionView[]>;
  /**
   * Calls `listener` when a channel may have grown; returns a function that stops it. Absent when the source
   * cannot tell: the explorer then asks for the height at an interval.
   */
  watch?(listener: () => void): () => void;
  /** Releases connections. */
  close?(): Promise<void>;
}

/**
 * The explorer's model of a network: every channel's blocks read from a {@link LedgerSource}, each invalid
 * transaction explained from the blocks before it, and views per viewer organization. The page's server, the
 * `explore` command and the `blocks` command all read a ledger through this class.
 */
import { UnknownChannelError, UnknownOrganizationError, LedgerReadError } from '../errors';
import { explainTransaction } from './explain';
import type { LedgerSource } from './ledger-source';
import { blockFor } from './private-view';
import type { BlockView, ChaincodeDefinitionView, HeightUpdate, OverviewView } from './views';
import { WriteIndex } from './write-index';

interface ChannelRecord {
  readonly blocks: BlockView[];
  readonly index: WriteIndex;
  definitions: readonly ChaincodeDefinitionView[];
}

export interface BlocksQuery {
  /** First block number. Default 0. */
  readonly from?: number;
  /** MSP id whose view of private data to give. Default: none (hashes only). */
  readonly viewer?: string;
}

export class LedgerExplorer {
  readonly #source: LedgerSource;
  readonly #channels = new Map<string, ChannelRecord>();
  readonly #listeners = new Set<(update: HeightUpdate) => void>();
  #organizations: readonly string[] = [];
  /** Refreshes run one after another: two at once would read the same blocks twice. */
  #refreshing: Promise<HeightUpdate[]> = Promise.resolve([]);

  constructor(source: LedgerSource) {
    this.#source = source;
  }

  get sourceName(): string {
    return this.#source.name;
  }

  /** Reads the blocks added since the last refresh (all of them the first time); resolves with the channels that grew. */
  refresh(): Promise<HeightUpdate[]> {
    const next = this.#refreshing.then(
      () => this.#readNewBlocks(),
      () => this.#readNewBlocks(),
    );
    this.#refreshing = next;
    return next;
  }

  /** Calls `listener` for each channel that grows on a refresh. Returns a function that removes it. */
  onUpdate(listener: (update: HeightUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get organizations(): readonly string[] {
    return this.#organizations;
  }

  get channels(): readonly string[] {
    return [...this.#channels.keys()];
  }

  overview(viewer?: string): OverviewView {
    this.#checkViewer(viewer);
    return {
      source: this.#source.name,
      organizations: this.#organizations,
      ...(viewer === undefined ? {} : { viewer }),
      channels: [...this.#channels].map(([name, record]) => ({
        name,
        height: record.blocks.length,
        chaincodeDefinitions: record.definitions,
      })),
    };
  }

  /** The channel's blocks from `from`, as `viewer` may see them. */
  blocks(channel: string, query: BlocksQuery = {}): BlockView[] {
    this.#checkViewer(query.viewer);
    const record = this.#record(channel);
    return record.blocks.slice(query.from ?? 0).map((block) => blockFor(block, query.viewer, record.definitions));
  }

  #checkViewer(viewer: string | undefined): void {
    if (viewer !== undefined && !this.#organizations.includes(viewer)) {
      throw new UnknownOrganizationError(viewer, this.#organizations);
    }
  }

  #record(channel: string): ChannelRecord {
    const record = this.#channels.get(channel);
    if (record === undefined) throw new UnknownChannelError(channel, this.channels);
    return record;
  }

  async #readNewBlocks(): Promise<HeightUpdate[]> {
    try {
      this.#organizations = await this.#source.organizations();
      const updates: HeightUpdate[] = [];
      for (const channel of await this.#source.channels()) {
        const update = await this.#readChannel(channel);
        if (update !== undefined) updates.push(update);
      }
      for (const update of updates) for (const listener of [...this.#listeners]) listener(update);
      return updates;
    } catch (error) {
      throw new LedgerReadError(`could not read the ledger of ${this.#source.name}: ${String(error)}`, {
        cause: error,
      });
    }
  }

  async #readChannel(channel: string): Promise<HeightUpdate | undefined> {
    let record = this.#channels.get(channel);
    const isNew = record === undefined;
    if (record === undefined) {
      record = { blocks: [], index: new WriteIndex(), definitions: [] };
      this.#channels.set(channel, record);
    }
    const height = await this.#source.height(channel);
    const known = record.blocks.length;
    if (height <= known && !isNew) return undefined;
    // Definitions first: a block's endorsement-policy failures are explained with the definitions of its time.
    record.definitions = await this.#source.chaincodeDefinitions(channel);
    if (height <= known) return { channel, height };
    for (const block of await this.#source.blocks(channel, known, height)) {
      const transactions = block.transactions.map((tx) => {
        const explanation = explainTransaction(tx, record.index, record.definitions);
        record.index.add(tx);
        return explanation === undefined ? tx : { ...tx, explanation };
      });
      record.blocks.push({ ...block, transactions });
    }
    return { channel, height: record.blocks.length };
  }
}

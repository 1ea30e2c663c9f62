/**
 * The explorer page: plain DOM, no framework, nothing loaded from elsewhere. It reads the server's JSON API
 * (`src/server/explorer-server.ts`) and follows its event stream to add blocks as they are committed. Every text
 * from the ledger goes in through `textContent`: chaincode data is never parsed as HTML.
 */
import type {
  BlockView,
  ChaincodeDefinitionView,
  CollectionView,
  ExplanationView,
  HeightUpdate,
  MvccConflictView,
  NamespaceView,
  OverviewView,
  TransactionView,
  VersionView,
} from '../src/model/views';

type Child = Node | string | undefined;

/** An element with attributes and children; `undefined` children are skipped. */
function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child !== undefined) element.append(child);
  }
  return element;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

function versionText(version: VersionView | null): string {
  return version === null ? 'none' : `${version.blockNumber}:${version.txNumber}`;
}

function table(headers: readonly string[], rows: readonly (readonly Child[])[], test?: string): HTMLElement {
  const head = el('tr', {}, ...headers.map((h) => el('th', {}, h)));
  const body = rows.map((row) => el('tr', {}, ...row.map((cell) => el('td', { class: 'mono' }, cell))));
  return el('table', test === undefined ? {} : { 'data-test': test }, el('thead', {}, head), el('tbody', {}, ...body));
}

interface PageState {
  overview?: OverviewView;
  channel?: string;
  viewer: string;
  /** Blocks shown on the selected channel, by number. */
  blocks: BlockView[];
}

const state: PageState = { viewer: '', blocks: [] };

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' });
  const body = (await response.json()) as T | { error: string };
  if (!response.ok) throw new Error((body as { error: string }).error);
  return body as T;
}

function viewerQuery(): string {
  return state.viewer === '' ? '' : `&org=${encodeURIComponent(state.viewer)}`;
}

function definitionCard(definition: ChaincodeDefinitionView): HTMLElement {
  const collections = definition.collections.map((c) =>
    el(
      'li',
      {},
      el('b', {}, c.name),
      ` members ${c.memberOrganizations.join(', ')}; policy ${c.policy}; blockToLive ${c.blockToLive}`,
      c.endorsementPolicy === undefined ? undefined : `; endorsement ${c.endorsementPolicy}`,
    ),
  );
  return el(
    'div',
    { class: 'definition', 'data-chaincode': definition.name },
    el('h3', {}, `${definition.name} ${definition.version}`),
    el('div', {}, `sequence ${definition.sequence}`, definition.initRequired ? ', init required' : ''),
    el('div', {}, 'endorsement policy ', el('code', {}, definition.endorsementPolicy)),
    collections.length === 0 ? undefined : el('div', {}, 'collections', el('ul', {}, ...collections)),
  );
}

function conflictRow(conflict: MvccConflictView, tx: TransactionView): Child[] {
  const key = conflict.key ?? `hash ${conflict.keyHash ?? ''}`;
  const where =
    conflict.collection === undefined ? conflict.namespace : `${conflict.namespace} / ${conflict.collection}`;
  const writer = conflict.changedBy;
  const changed =
    writer === undefined
      ? 'outside the blocks shown'
      : `tx ${writer.txId.slice(0, 12)}… (block ${writer.blockNumber}, tx ${writer.txNumber}${
          writer.blockNumber === tx.blockNumber ? ', same block' : ''
        })`;
  const now = writer === undefined ? '?' : writer.isDelete ? 'deleted' : `${writer.blockNumber}:${writer.txNumber}`;
  return [where, key, versionText(conflict.versionRead), changed, now];
}

function explanationBox(explanation: ExplanationView, tx: TransactionView): HTMLElement {
  const parts: Child[] = [el('p', { 'data-test': 'reason' }, explanation.summary)];
  if (explanation.conflicts !== undefined && explanation.conflicts.length > 0) {
    const rows = explanation.conflicts.map((c) => conflictRow(c, tx));
    parts.push(table(['namespace', 'key', 'version read', 'changed by', 'version then'], rows, 'mvcc-evidence'));
  }
  for (const phantom of explanation.phantoms ?? []) {
    const by = phantom.changedBy;
    parts.push(
      el(
        'p',
        { 'data-test': 'phantom-evidence' },
        `range [${phantom.startKey}, ${phantom.endKey}) of ${phantom.namespace}`,
        by === undefined
          ? ''
          : `: ${by.key} written by tx ${by.txId.slice(0, 12)}… (block ${by.blockNumber}, tx ${by.txNumber})`,
      ),
    );
  }
  const policy = explanation.endorsementPolicy;
  if (policy !== undefined) {
    parts.push(
      el(
        'p',
        { 'data-test': 'policy-evidence' },
        'policy ',
        el('code', {}, policy.policy ?? 'unknown'),
        `; endorsed by ${policy.endorsedBy.join(', ') || 'nobody'}`,
      ),
    );
  }
  return el('div', { class: 'explanation', 'data-test': 'explanation' }, ...parts);
}

function collectionTables(c: CollectionView): HTMLElement {
  const keyCell = (key: string | undefined, hash: string): Child =>
    key === undefined ? el('span', { class: 'hash' }, `#${hash}`) : key;
  const reads = c.reads.map((r) => [keyCell(r.key, r.keyHash), versionText(r.version)]);
  const writes = c.writes.map((w) => [
    keyCell(w.key, w.keyHash),
    w.isDelete ? 'delete' : (w.value ?? el('span', { class: 'hash' }, `#${w.valueHash}`)),
  ]);
  return el(
    'div',
    { 'data-collection': c.collection },
    el('b', {}, `collection ${c.collection}`),
    reads.length === 0 ? undefined : table(['key', 'version read'], reads),
    writes.length === 0 ? undefined : table(['key', 'value'], writes),
  );
}

/** `; private: 1 read, 2 written` when the namespace has collection reads or writes. */
function privateCounts(ns: NamespaceView): string {
  const reads = ns.collections.reduce((n, c) => n + c.reads.length, 0);
  const writes = ns.collections.reduce((n, c) => n + c.writes.length, 0);
  return reads + writes === 0 ? '' : `; private: ${reads} read, ${writes} written`;
}

function namespaceSection(ns: NamespaceView): HTMLElement {
  const reads = ns.reads.map((r) => [r.key, versionText(r.version)]);
  const writes = ns.writes.map((w) => [w.key, w.isDelete ? 'delete' : w.value]);
  const ranges = ns.rangeQueries.map((q) => [
    `[${q.startKey}, ${q.endKey})${q.itrExhausted ? '' : ' stopped early'}`,
    q.reads.map((r) => `${r.key}@${versionText(r.version)}`).join(' '),
  ]);
  const details = el(
    'details',
    { 'data-namespace': ns.namespace },
    el('summary', {}, `${ns.namespace}: ${reads.length} read, ${writes.length} written${privateCounts(ns)}`),
    reads.length === 0 ? undefined : table(['read key', 'version'], reads, 'reads'),
    ranges.length === 0 ? undefined : table(['range', 'keys read @ version'], ranges),
    writes.length === 0 ? undefined : table(['written key', 'value'], writes, 'writes'),
    ...ns.collections.map(collectionTables),
  );
  // `_lifecycle` reads (the chaincode definition) are in every transaction: folded away unless asked for.
  if (!ns.namespace.startsWith('_')) details.setAttribute('open', '');
  return details;
}

function creatorLine(tx: TransactionView): HTMLElement {
  const attributes = Object.entries(tx.creator.attributes).map(([name, value]) =>
    el('span', { class: 'attr' }, `${name}=${value}`),
  );
  return el(
    'div',
    { class: 'meta' },
    'creator ',
    el('b', { 'data-test': 'creator' }, tx.creator.subject || '(no certificate)'),
    ` of ${tx.creator.mspId}`,
    attributes.length === 0 ? undefined : el('div', {}, 'attributes ', ...attributes),
    el(
      'div',
      {},
      `endorsed by ${tx.endorsingOrganizations.join(', ') || 'nobody'}`,
      tx.timestamp ? ` · ${tx.timestamp}` : '',
    ),
  );
}

function transactionArticle(tx: TransactionView): HTMLElement {
  const valid = tx.validationCode === 'VALID';
  const call =
    tx.type === 'CONFIG'
      ? 'channel configuration'
      : `${tx.chaincode}.${tx.function}(${tx.args.map((a) => JSON.stringify(a)).join(', ')})`;
  return el(
    'article',
    { class: valid ? 'tx' : 'tx invalid', 'data-tx-id': tx.txId, 'data-validation-code': tx.validationCode },
    el(
      'div',
      { class: 'tx-head' },
      el('span', { class: `code ${valid ? 'valid' : 'invalid'}` }, tx.validationCode),
      el('span', { class: 'call' }, call),
      el('span', { class: 'txid' }, `tx ${tx.txNumber} · ${tx.txId}`),
    ),
    tx.explanation === undefined ? undefined : explanationBox(tx.explanation, tx),
    tx.type === 'CONFIG' ? undefined : creatorLine(tx),
    ...tx.namespaces.map(namespaceSection),
    tx.event === undefined
      ? undefined
      : el('div', { class: 'meta' }, 'event ', el('b', {}, tx.event.name), ` ${tx.event.payload}`),
  );
}

function blockSection(block: BlockView): HTMLElement {
  return el(
    'section',
    { class: 'block', 'data-block': String(block.number) },
    el(
      'h2',
      {},
      `Block ${block.number} · ${block.transactions.length} transaction${block.transactions.length === 1 ? '' : 's'}`,
    ),
    ...block.transactions.map(transactionArticle),
  );
}

function renderChannels(): void {
  const nav = byId('channels');
  nav.replaceChildren(
    ...(state.overview?.channels ?? []).map((channel) => {
      const button = el(
        'button',
        { type: 'button', 'data-channel': channel.name },
        `${channel.name} (${channel.height})`,
      );
      if (channel.name === state.channel) button.classList.add('selected');
      button.addEventListener('click', () => void selectChannel(channel.name));
      return button;
    }),
  );
  const channel = state.overview?.channels.find((c) => c.name === state.channel);
  const definitions = channel?.chaincodeDefinitions ?? [];
  byId('definitions').replaceChildren(
    ...(definitions.length === 0 ? [el('p', { class: 'empty' }, 'none committed')] : definitions.map(definitionCard)),
  );
}

function renderBlocks(): void {
  const main = byId('blocks');
  if (state.blocks.length === 0) {
    main.replaceChildren(el('p', { class: 'empty' }, 'No blocks yet.'));
    return;
  }
  main.replaceChildren(...[...state.blocks].reverse().map(blockSection));
}

function showProblem(message: string | undefined): void {
  const problem = byId('problem');
  problem.hidden = message === undefined;
  problem.textContent = message ?? '';
}

async function loadOverview(): Promise<void> {
  const query = state.viewer === '' ? '' : `?org=${encodeURIComponent(state.viewer)}`;
  const overview = await getJson<OverviewView & { problem?: string }>(`/api/overview${query}`);
  state.overview = overview;
  showProblem(overview.problem);
  byId('source').textContent = overview.source;
  state.channel ??= overview.channels[0]?.name;
  renderChannels();
}

/** Adds the blocks after the last one shown. */
async function loadNewBlocks(): Promise<void> {
  if (state.channel === undefined) return;
  const from = state.blocks.length;
  const blocks = await getJson<BlockView[]>(
    `/api/channels/${encodeURIComponent(state.channel)}/blocks?from=${from}${viewerQuery()}`,
  );
  if (state.blocks.length !== from) return; // another load got there first
  state.blocks.push(...blocks);
  if (blocks.length > 0) renderBlocks();
}

async function selectChannel(channel: string): Promise<void> {
  state.channel = channel;
  state.blocks = [];
  renderChannels();
  renderBlocks();
  await loadNewBlocks();
}

function fillViewers(): void {
  const select = byId('viewer') as HTMLSelectElement;
  for (const org of state.overview?.organizations ?? []) select.append(el('option', { value: org }, org));
  select.addEventListener('change', () => {
    state.viewer = select.value;
    void loadOverview().then(() => selectChannel(state.channel ?? ''));
  });
}

function follow(): void {
  const live = byId('live');
  const events = new EventSource('/api/events');
  events.onopen = () => {
    live.textContent = 'live';
    live.classList.add('on');
  };
  events.onerror = () => {
    live.textContent = 'disconnected';
    live.classList.remove('on');
  };
  events.onmessage = (message: MessageEvent<string>) => {
    const update = JSON.parse(message.data) as HeightUpdate;
    void loadOverview().then(() => (update.channel === state.channel ? loadNewBlocks() : undefined));
  };
  events.addEventListener('problem', (message: MessageEvent<string>) => {
    showProblem((JSON.parse(message.data) as { message: string }).message);
  });
}

async function main(): Promise<void> {
  await loadOverview();
  fillViewers();
  follow();
  await loadNewBlocks();
  renderBlocks();
  document.body.dataset['ready'] = 'true';
}

main().catch((error: unknown) => showProblem(`the explorer could not load: ${String(error)}`));

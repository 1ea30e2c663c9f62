/**
 * The explorer's model as lines of text, for `fabric-testkit blocks`: per block, each transaction with its
 * validation code, call, creator and endorsers, why it was invalid, then its reads (with versions) and writes.
 */
import { conflictSentence, versionText } from '../model/explain';
import type { BlockView, NamespaceView, TransactionView } from '../model/views';

/** Values longer than this are cut in text output (`--json` has them whole, up to the model's own limit). */
const VALUE_WIDTH = 80;

function cut(text: string): string {
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

function call(tx: TransactionView): string {
  if (tx.type !== 'ENDORSER_TRANSACTION') return tx.type === 'CONFIG' ? 'channel configuration' : tx.type;
  return `${tx.chaincode}.${tx.function}(${tx.args.map((a) => JSON.stringify(cut(a))).join(', ')})`;
}

function namespaceLines(ns: NamespaceView): string[] {
  const lines: string[] = [];
  for (const r of ns.reads) lines.push(`read  ${ns.namespace} ${r.key} @ ${versionText(r.version)}`);
  for (const q of ns.rangeQueries) {
    const keys = q.reads.map((r) => `${r.key}@${versionText(r.version)}`).join(' ');
    lines.push(`range ${ns.namespace} [${q.startKey}, ${q.endKey}): ${keys || 'no keys'}`);
  }
  for (const w of ns.writes)
    lines.push(`write ${ns.namespace} ${w.key} ${w.isDelete ? 'deleted' : `= ${cut(w.value)}`}`);
  for (const c of ns.collections) {
    const where = `${ns.namespace}/${c.collection}`;
    for (const r of c.reads) lines.push(`read  ${where} ${r.key ?? `#${r.keyHash}`} @ ${versionText(r.version)}`);
    for (const w of c.writes) {
      const value = w.isDelete ? 'deleted' : `= ${w.value === undefined ? `#${w.valueHash}` : cut(w.value)}`;
      lines.push(`write ${where} ${w.key ?? `#${w.keyHash}`} ${value}`);
    }
  }
  return lines;
}

function explanationLines(tx: TransactionView): string[] {
  const explanation = tx.explanation;
  if (explanation === undefined) return [];
  const lines = [`why   ${explanation.summary}`];
  const conflicts = explanation.conflicts ?? [];
  // The summary tells the first conflict; list the others.
  for (const conflict of conflicts.slice(1)) lines.push(`      also: ${conflictSentence(conflict, tx)}`);
  return lines;
}

/** One block as text: a header line, then an indented entry per transaction. */
export function blockLines(block: BlockView): string[] {
  const count = `${block.transactions.length} transaction${block.transactions.length === 1 ? '' : 's'}`;
  const lines = [`block ${block.number} of ${block.channel}: ${count}`];
  for (const tx of block.transactions) {
    lines.push(`  tx ${tx.txNumber} ${tx.validationCode} ${call(tx)}`);
    const creator = tx.creator.subject === '' ? tx.creator.mspId : `${tx.creator.subject} (${tx.creator.mspId})`;
    const endorsers =
      tx.endorsingOrganizations.length === 0 ? '' : `; endorsed by ${tx.endorsingOrganizations.join(', ')}`;
    lines.push(`    id ${tx.txId}; by ${creator}${endorsers}`);
    const details = [
      ...explanationLines(tx),
      // `_lifecycle` reads (the chaincode definition) are in every invocation: left out of the text.
      ...tx.namespaces.filter((ns) => !ns.namespace.startsWith('_')).flatMap(namespaceLines),
    ];
    if (tx.event !== undefined) details.push(`event ${tx.event.name} ${cut(tx.event.payload)}`);
    for (const line of details) lines.push(`    ${line}`);
  }
  return lines;
}

import type { PeerMetrics } from '../metrics/peer-metrics';
import type { DrillReport, Evidence } from './drill-report';

/** Longest evidence value the text table shows; JSON always has the whole value. */
const MAX_VALUE = 160;
/** Hex runs (hashes, transaction IDs) longer than this are shortened in the text table. */
const MAX_HEX = 12;

/**
 * The report as text for humans: a header with the outcome and figures, a table of steps (time, result,
 * evidence) and a table of the peers' metrics.
 */
export function formatReport(report: DrillReport): string {
  const lines = [
    `drill ${report.drill}: ${report.passed ? 'PASSED' : 'FAILED'} in ${seconds(report.totalMs)} (started ${report.startedAt})`,
    ...Object.entries(report.figures).map(([name, value]) => `  ${name}: ${value}`),
    '',
    ...table(
      ['#', 'step', 'ms', 'result', 'evidence'],
      report.steps.map((s, i) => [
        String(i + 1),
        s.name,
        String(s.ms),
        s.passed ? 'pass' : 'FAIL',
        [formatEvidence(s.evidence), s.error ? `error: ${s.error}` : ''].filter(Boolean).join('; '),
      ]),
      [false, false, true, false, false],
    ),
  ];
  if (report.metrics.length > 0) {
    lines.push(
      '',
      ...table(
        ['peer', 'ledger height', 'endorsements', 'endorse mean ms', 'blocks committed', 'commit mean ms'],
        report.metrics.map(metricsRow),
        [false, false, true, true, true, true],
      ),
    );
  }
  return lines.join('\n');
}

/** The report as one JSON object for CI: the figures (for example `upgradeSeconds`) are top-level keys. */
export function reportToJson(report: DrillReport): Record<string, unknown> {
  return {
    ...report.figures,
    drill: report.drill,
    passed: report.passed,
    startedAt: report.startedAt,
    totalMs: report.totalMs,
    steps: report.steps,
    metrics: report.metrics,
  };
}

/** `key=value` pairs; long hex runs and long values shortened. */
export function formatEvidence(evidence: Evidence): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}=${shorten(Array.isArray(value) ? value.join(' ') : String(value))}`)
    .join(', ');
}

function shorten(value: string): string {
  const oneLine = value
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`[0-9a-f]{${MAX_HEX + 1},}`, 'g'), (hex) => `${hex.slice(0, MAX_HEX)}…`);
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…` : oneLine;
}

function metricsRow(m: PeerMetrics): string[] {
  const heights = Object.entries(m.ledgerHeight)
    .map(([channel, height]) => `${channel}=${height}`)
    .join(' ');
  return [
    m.peer,
    heights || '-',
    String(m.endorsement.count),
    String(m.endorsement.meanMs),
    String(m.commit.count),
    String(m.commit.meanMs),
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function table(header: readonly string[], rows: readonly string[][], rightAlign: readonly boolean[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => {
        const width = widths[c] ?? 0;
        return rightAlign[c] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
}

import { parsePrometheusText, type PrometheusSample } from './prometheus';

/** A histogram reduced to how many observations it has and their mean, in milliseconds. */
export interface DurationSummary {
  readonly count: number;
  /** The mean in milliseconds; 0 when there are no observations. */
  readonly meanMs: number;
}

/** The operations metrics a drill report shows for one peer. */
export interface PeerMetrics {
  readonly peer: string;
  /** `ledger_blockchain_height` by channel. */
  readonly ledgerHeight: Readonly<Record<string, number>>;
  /** `endorser_proposal_duration`: every proposal the peer endorsed (all channels and chaincodes). */
  readonly endorsement: DurationSummary;
  /** `ledger_block_processing_time`: validating and committing a block (all channels). */
  readonly commit: DurationSummary;
}

/** Reduces a peer's `/metrics` text to the figures of interest: ledger heights, endorsement and commit durations. */
export function peerMetricsOf(peer: string, metricsText: string): PeerMetrics {
  const samples = parsePrometheusText(metricsText);
  const ledgerHeight: Record<string, number> = {};
  for (const s of samples) {
    if (s.name === 'ledger_blockchain_height' && s.labels.channel !== undefined) {
      ledgerHeight[s.labels.channel] = s.value;
    }
  }
  return {
    peer,
    ledgerHeight,
    endorsement: durationOf(samples, 'endorser_proposal_duration'),
    commit: durationOf(samples, 'ledger_block_processing_time'),
  };
}

/** Sums a histogram's `_sum` (seconds) and `_count` series across labels. */
function durationOf(samples: readonly PrometheusSample[], histogram: string): DurationSummary {
  let sum = 0;
  let count = 0;
  for (const s of samples) {
    if (s.name === `${histogram}_sum`) sum += s.value;
    if (s.name === `${histogram}_count`) count += s.value;
  }
  return { count, meanMs: count === 0 ? 0 : Math.round((sum / count) * 1000 * 100) / 100 };
}

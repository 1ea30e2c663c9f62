import { expect } from 'chai';
import { PrometheusParseError, parsePrometheusText } from '../../src/metrics/prometheus';
import { peerMetricsOf } from '../../src/metrics/peer-metrics';

// Shaped like a Fabric 2.5 peer's /metrics (names, labels and HELP/TYPE lines as the peer writes them).
const PEER_METRICS = [
  '# HELP ledger_blockchain_height Height of the chain in blocks.',
  '# TYPE ledger_blockchain_height gauge',
  'ledger_blockchain_height{channel="mychannel"} 7',
  'ledger_blockchain_height{channel="other"} 3',
  '# HELP endorser_proposal_duration The time to complete a proposal.',
  '# TYPE endorser_proposal_duration histogram',
  'endorser_proposal_duration_bucket{chaincode="_lifecycle",channel="mychannel",success="true",le="0.005"} 1',
  'endorser_proposal_duration_bucket{chaincode="_lifecycle",channel="mychannel",success="true",le="+Inf"} 2',
  'endorser_proposal_duration_sum{chaincode="_lifecycle",channel="mychannel",success="true"} 0.03',
  'endorser_proposal_duration_count{chaincode="_lifecycle",channel="mychannel",success="true"} 2',
  'endorser_proposal_duration_sum{chaincode="asset-upgrade",channel="mychannel",success="true"} 0.01',
  'endorser_proposal_duration_count{chaincode="asset-upgrade",channel="mychannel",success="true"} 2',
  '# TYPE ledger_block_processing_time histogram',
  'ledger_block_processing_time_sum{channel="mychannel"} 0.05',
  'ledger_block_processing_time_count{channel="mychannel"} 5',
  '',
].join('\n');

describe('parsePrometheusText', () => {
  it('reads names, labels and values, skipping comments and blank lines', () => {
    const samples = parsePrometheusText(PEER_METRICS);
    expect(samples).to.have.length(10);
    expect(samples[0]).to.deep.equal({ name: 'ledger_blockchain_height', labels: { channel: 'mychannel' }, value: 7 });
    expect(samples[3]?.labels).to.deep.equal({
      chaincode: '_lifecycle',
      channel: 'mychannel',
      success: 'true',
      le: '+Inf',
    });
  });

  it('reads samples without labels, special values, timestamps and escaped label values', () => {
    const samples = parsePrometheusText(
      ['up 1', 'a{} NaN', 'b +Inf 1700000000000', 'c -Inf', 'd{msg="say \\"hi\\"\\nback\\\\slash",x="1"} -2.5e-3'].join(
        '\n',
      ),
    );
    expect(samples.map((s) => s.name)).to.deep.equal(['up', 'a', 'b', 'c', 'd']);
    expect(samples[0]).to.deep.equal({ name: 'up', labels: {}, value: 1 });
    expect(samples[1]?.value).to.be.NaN;
    expect(samples[2]?.value).to.equal(Number.POSITIVE_INFINITY);
    expect(samples[3]?.value).to.equal(Number.NEGATIVE_INFINITY);
    expect(samples[4]?.labels).to.deep.equal({ msg: 'say "hi"\nback\\slash', x: '1' });
    expect(samples[4]?.value).to.equal(-0.0025);
  });

  it('names the line of a sample it cannot read', () => {
    expect(() => parsePrometheusText('ok 1\n{x="1"} 2')).to.throw(
      PrometheusParseError,
      'metrics line 2: no metric name',
    );
    expect(() => parsePrometheusText('m{x="1"} abc')).to.throw('metrics line 1: "abc" is not a sample value');
    expect(() => parsePrometheusText('m{x=1} 1')).to.throw('metrics line 1: bad label at column 3');
    expect(() => parsePrometheusText('m{x="1} 1')).to.throw('metrics line 1: unterminated value of label x');
    expect(() => parsePrometheusText('m')).to.throw('metrics line 1: "" is not a sample value');
  });
});

describe('peerMetricsOf', () => {
  it('reduces a peer metrics text to ledger heights, endorsement and commit durations', () => {
    expect(peerMetricsOf('peer0.org1', PEER_METRICS)).to.deep.equal({
      peer: 'peer0.org1',
      ledgerHeight: { mychannel: 7, other: 3 },
      endorsement: { count: 4, meanMs: 10 },
      commit: { count: 5, meanMs: 10 },
    });
  });

  it('reports zero observations with a zero mean', () => {
    expect(peerMetricsOf('p', 'ledger_blockchain_height{channel="c"} 1')).to.deep.equal({
      peer: 'p',
      ledgerHeight: { c: 1 },
      endorsement: { count: 0, meanMs: 0 },
      commit: { count: 0, meanMs: 0 },
    });
  });
});

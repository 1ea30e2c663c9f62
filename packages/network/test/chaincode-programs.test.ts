/**
 * Chaincode served as a program on the mock (issue 15): its coverage as the peer ran it, written when the network
 * stops, and the inspector a Node chaincode server runs under. The Go sample and asset-transfer-basic are the
 * chaincode; the in-memory peer talks to both over the chaincode protocol.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { freePort } from '@fabric-testkit/test-harness';
import { createNetwork } from '../src';

const CONTRACTS = path.resolve(__dirname, '../../../../contracts');

/** One call of Delve's JSON-RPC API (`--api-version=2`) at 127.0.0.1:`port`. */
function delveCall(port: number, method: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(JSON.stringify({ id: 1, method, params: [{}] }));
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      try {
        const reply = JSON.parse(text) as { result: Record<string, unknown> };
        socket.end();
        resolve(reply.result);
      } catch {
        // not all of it yet
      }
    });
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error(`Delve at 127.0.0.1:${port} did not answer ${method}`)));
  });
}

/** lcov's hit count of every line of the file whose path ends with `file`. */
function hits(lcov: string, file: string): Map<number, number> {
  const record = lcov
    .split('end_of_record')
    .find((r) => r.includes(`SF:`) && r.split('\n').some((l) => l.startsWith('SF:') && l.endsWith(file)));
  if (record === undefined) throw new Error(`no ${file} in the lcov report:\n${lcov.slice(0, 500)}`);
  const lines = new Map<number, number>();
  for (const match of record.matchAll(/^DA:(\d+),(\d+)/gm)) lines.set(Number(match[1]), Number(match[2]));
  return lines;
}

function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no "${text}" in ${file}`);
  return index + 1;
}

describe('chaincode programs on the mock: coverage and debugging', function () {
  this.timeout(180_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chaincode-coverage-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a Go chaincode's coverage (go build -cover) as lcov and a summary when the network stops", async () => {
    const network = await createNetwork({ target: 'mock' }).withChaincodeCoverage(dir).start();
    try {
      await network.deploy({ name: 'basic-go', go: path.join(CONTRACTS, 'asset-transfer-go') });
      await network.chaincode('basic-go').submit('CreateAsset', 'a1', 'blue', '5', '300');
    } finally {
      await network.stop();
    }
    const source = path.join(CONTRACTS, 'asset-transfer-go', 'asset_contract.go');
    const lines = hits(
      readFileSync(path.join(dir, 'basic-go', 'lcov.info'), 'utf8'),
      'asset-transfer-go/asset_contract.go',
    );
    expect(lines.get(lineOf(source, 'asset := &Asset{'))).to.be.greaterThan(0);
    expect(lines.get(lineOf(source, 'if err := ctx.GetStub().DelState(id); err != nil {'))).to.equal(0);
    expect(readFileSync(path.join(dir, 'basic-go', 'summary.txt'), 'utf8')).to.match(
      /asset-transfer-go\s+coverage: \d+\.\d% of statements/,
    );
  });

  it("writes a Node chaincode server's V8 coverage (served: true) as lcov and a summary", async () => {
    const network = await createNetwork({ target: 'mock' }).withChaincodeCoverage(dir).start();
    try {
      await network.deploy({ name: 'basic', modulePath: path.join(CONTRACTS, 'asset-transfer-basic'), served: true });
      await network.chaincode('basic').submit('CreateAsset', 'a1', 'blue', '5', '300');
    } finally {
      await network.stop();
    }
    const lcov = readFileSync(path.join(dir, 'basic', 'lcov.info'), 'utf8');
    expect(lcov).to.match(/^SF:.*asset-transfer-basic\/src\/asset-contract\.ts$/m);
    expect(lcov).not.to.match(/node_modules/);
    expect(readFileSync(path.join(dir, 'basic', 'summary.txt'), 'utf8')).to.match(/Lines\s+: \d+(\.\d+)?%/);
  });

  it('starts a Go chaincode under Delve (dlv exec --headless) at the port asked for, serving as usual', async () => {
    const port = await freePort();
    const network = await createNetwork({ target: 'mock' }).start();
    try {
      await network.deploy({ name: 'basic-go', go: path.join(CONTRACTS, 'asset-transfer-go'), inspect: { port } });
      // Delve's JSON-RPC API answers on the port: the debugger an editor attaches to.
      const version = await delveCall(port, 'RPCServer.GetVersion');
      expect(version).to.have.property('DelveVersion').that.is.a('string');
      const created = await network.chaincode('basic-go').submit('CreateAsset', 'a1', 'blue', '5', '300');
      expect(created.validationCode).to.equal('VALID');
    } finally {
      await network.stop();
    }
  });

  it('starts a served Node chaincode under the inspector at the port asked for', async () => {
    const port = await freePort();
    const network = await createNetwork({ target: 'mock' }).start();
    try {
      await network.deploy({
        name: 'basic',
        modulePath: path.join(CONTRACTS, 'asset-transfer-basic'),
        served: true,
        inspect: { port },
      });
      const targets = await new Promise<string>((resolve, reject) =>
        get(`http://127.0.0.1:${port}/json/list`, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        }).on('error', reject),
      );
      expect(JSON.parse(targets)).to.have.length(1);
      expect(
        (await network.chaincode('basic').submit('CreateAsset', 'a1', 'blue', '5', '300')).validationCode,
      ).to.equal('VALID');
    } finally {
      await network.stop();
    }
  });
});

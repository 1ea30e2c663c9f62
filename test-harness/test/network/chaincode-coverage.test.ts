import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import {
  ChaincodeCoverage,
  ChaincodeCoverageError,
  goProfileToLcov,
  reportCoverage,
} from '../../src/network/chaincode-coverage';
import { startChaincodeServer } from '../../src/network/chaincode-server';
import { freePort } from '../../src/network/free-port';

/** A contract package, served as `fabric-chaincode-node server` serves one. */
const CONTRACT_PACKAGE = resolve(__dirname, '../../../../contracts/asset-transfer-basic');

describe('chaincode coverage (chaincode-coverage.ts)', () => {
  it("turns a Go coverage profile into lcov, each line the highest count of its blocks, the module's files under the package", () => {
    const profile = [
      'mode: set',
      'example.com/cc/contract.go:10.2,12.3 2 1',
      'example.com/cc/contract.go:12.3,13.4 1 0',
      'example.com/cc/main.go:5.1,5.9 1 0',
      'other.org/lib/x.go:1.1,1.2 1 1',
    ].join('\n');
    expect(goProfileToLcov(profile, 'example.com/cc', '/src/cc')).to.equal(
      [
        'TN:',
        'SF:/src/cc/contract.go',
        'DA:10,1',
        'DA:11,1',
        'DA:12,1',
        'DA:13,0',
        'LF:4',
        'LH:3',
        'end_of_record',
        'TN:',
        'SF:/src/cc/main.go',
        'DA:5,0',
        'LF:1',
        'LH:0',
        'end_of_record',
        'TN:',
        'SF:other.org/lib/x.go',
        'DA:1,1',
        'LF:1',
        'LH:1',
        'end_of_record',
        '',
      ].join('\n'),
    );
    expect(goProfileToLcov('mode: set\n', 'example.com/cc', '/src/cc')).to.equal('');
  });

  it('instruments Node and Go chaincode by environment (and -cover), and leaves a server program as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coverage-'));
    try {
      const coverage = new ChaincodeCoverage(dir);
      const go = coverage.instrument('go-cc', { go: '/src/cc' });
      expect(go.program).to.deep.equal({ go: '/src/cc', cover: true });
      expect(go.environment.GOCOVERDIR).to.match(/\.raw\/go-cc-0$/);
      const node = coverage.instrument('node-cc', { contractPackage: '/src/node-cc' });
      expect(node.environment.NODE_V8_COVERAGE).to.match(/\.raw\/node-cc-1$/);
      const program = { server: { command: 'java' } };
      expect(coverage.instrument('java-cc', program)).to.deep.equal({ program, environment: {} });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A Go main package that listens as the ccaas contract says and exits normally on SIGTERM, as a covered chaincode must. */
const GO_LISTENER = `package main

import (
	"net"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	listener, err := net.Listen("tcp", os.Getenv("CHAINCODE_SERVER_ADDRESS"))
	if err != nil {
		panic(err)
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM)
	go func() {
		<-signals
		os.Exit(0)
	}()
	for {
		connection, err := listener.Accept()
		if err == nil {
			connection.Close()
		}
	}
}

func neverCalled() int {
	return 42
}
`;

describe('chaincode coverage of running programs (go build -cover, NODE_V8_COVERAGE)', function () {
  this.timeout(180_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coverage-run-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a Go program built with -cover: the lines it ran are hit, the function it never called is not', async () => {
    const source = join(dir, 'cc');
    mkdirSync(source);
    writeFileSync(join(source, 'go.mod'), 'module example.com/cc\n\ngo 1.22\n');
    writeFileSync(join(source, 'main.go'), `${GO_LISTENER}\n// run ${randomUUID()}\n`);
    const coverage = new ChaincodeCoverage(join(dir, 'reports'));
    const { program, environment } = coverage.instrument('cc', { go: source });
    const server = await startChaincodeServer(program, 'cc_1.0:x', '127.0.0.1', await freePort(), 120_000, environment);
    await server.stop();
    const logged: string[] = [];
    const [report] = await reportCoverage(coverage, (line) => logged.push(line));
    expect(report?.summary).to.match(/example\.com\/cc\s+coverage: \d+\.\d% of statements/);
    const lcov = readFileSync(join(dir, 'reports', 'cc', 'lcov.info'), 'utf8');
    expect(lcov).to.contain(`SF:${join(source, 'main.go')}`);
    const lines = GO_LISTENER.split('\n');
    expect(lcov).to.match(
      new RegExp(
        `^DA:${lines.indexOf('\tlistener, err := net.Listen("tcp", os.Getenv("CHAINCODE_SERVER_ADDRESS"))') + 1},[1-9]`,
        'm',
      ),
    );
    expect(lcov).to.match(new RegExp(`^DA:${lines.indexOf('\treturn 42') + 1},0$`, 'm'));
    expect(logged[0]).to.equal(`chaincode coverage of cc: ${join(dir, 'reports', 'cc')}/lcov.info`);
    expect(existsSync(join(dir, 'reports', '.raw'))).to.equal(false);
  });

  it('reports a Node chaincode server under V8 coverage, its package files only', async () => {
    const coverage = new ChaincodeCoverage(join(dir, 'reports'));
    const { program, environment } = coverage.instrument('pkg', { contractPackage: CONTRACT_PACKAGE });
    const server = await startChaincodeServer(program, 'pkg_1.0:x', '127.0.0.1', await freePort(), 60_000, environment);
    await server.stop();
    const [report] = await coverage.report();
    expect(report?.summary).to.match(/Lines\s+: \d+(\.\d+)?%/);
    const lcov = readFileSync(join(dir, 'reports', 'pkg', 'lcov.info'), 'utf8');
    expect(lcov).to.contain(`SF:${CONTRACT_PACKAGE}`);
    expect(lcov).not.to.contain('node_modules');
  });

  it('names the tool and its output when a report cannot be made', async () => {
    const coverage = new ChaincodeCoverage(join(dir, 'reports'));
    coverage.instrument('broken', { go: join(dir, 'missing') });
    const error = await coverage.report().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ChaincodeCoverageError);
    expect(String(error)).to.match(/chaincode coverage: go tool covdata for .*missing failed: /);
  });
});

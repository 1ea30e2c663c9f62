import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startChaincodeServer } from '../../src/network/chaincode-server';
import { freePort } from '../../src/network/free-port';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

/** What the inspector's HTTP endpoint says of itself (`/json/version`). */
function inspectorVersion(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/json/version' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

describe('debugging a chaincode server (inspect)', function () {
  this.timeout(30_000);

  it('starts the Node chaincode server with --inspect on the port asked for, and the inspector answers', async () => {
    const inspectPort = await freePort();
    const server = await startChaincodeServer(
      KV,
      'kv_1.0:abc',
      '127.0.0.1',
      await freePort(),
      20_000,
      {},
      {
        port: inspectPort,
        wait: false,
      },
    );
    try {
      const commandLine = readFileSync(`/proc/${String(server.pid)}/cmdline`, 'utf8').split('\0');
      expect(commandLine).to.include(`--inspect=127.0.0.1:${inspectPort}`);
      expect(JSON.parse(await inspectorVersion(inspectPort)))
        .to.have.property('Browser')
        .that.matches(/^node\.js\//);
    } finally {
      await server.stop();
    }
  });
});

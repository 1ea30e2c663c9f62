import { expect } from 'chai';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { ClientIdentity } from 'fabric-shim';
import { createMockFabric } from '../../src';
import { installShimSpeedups } from '../../src/internal/shim-speedups';
import { ScriptChaincode } from '../fixtures/script-chaincode';

const requireHere = createRequire(__filename);

describe('shim speed-ups: output-identical (internal/shim-speedups.ts)', () => {
  it('ClientIdentity reads each certificate the same, parsed once per identity, and never mixes two identities', async () => {
    const fabric = createMockFabric({ determinismCheck: false });
    const org = fabric.addOrganization('Org1MSP');
    const channel = fabric.createChannel('mychannel');
    const whoami = (stub: Parameters<ConstructorParameters<typeof ScriptChaincode>[0][string]>[0]): Buffer => {
      const id = new ClientIdentity(stub);
      return Buffer.from(JSON.stringify({ id: id.getID(), attrs: id.getAttributeValue('team') }));
    };
    channel.deploy({ name: 'cc', chaincode: new ScriptChaincode({ whoami }), endorsementPolicy: "OR('Org1MSP.peer')" });
    const alice = org.createIdentity({ name: 'alice', attributes: { team: 'red' } });
    const bob = org.createIdentity({ name: 'bob', attributes: { team: 'blue' } });
    const ask = async (identity: typeof alice): Promise<unknown> =>
      JSON.parse((await channel.evaluate({ chaincode: 'cc', fcn: 'whoami', identity })).payload.toString());
    const first = [await ask(alice), await ask(bob)];
    expect(first).to.deep.equal([
      {
        id: 'x509::/C=US/ST=North Carolina/O=Hyperledger/OU=client/CN=alice::/C=US/ST=North Carolina/L=Durham/O=org1.example.com/CN=ca.org1.example.com',
        attrs: 'red',
      },
      {
        id: 'x509::/C=US/ST=North Carolina/O=Hyperledger/OU=client/CN=bob::/C=US/ST=North Carolina/L=Durham/O=org1.example.com/CN=ca.org1.example.com',
        attrs: 'blue',
      },
    ]);
    expect([await ask(alice), await ask(bob)]).to.deep.equal(first); // from the parsed certificates
  });

  it('a winston message at a level nothing prints is dropped before formatting; others are delivered as before', async () => {
    installShimSpeedups();
    const winston = requireHere(
      requireHere.resolve('winston', { paths: [dirname(requireHere.resolve('fabric-shim/package.json'))] }),
    ) as typeof import('winston');
    const lines: string[] = [];
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString().trim()));
    let formatted = 0;
    const counting = winston.format((info) => {
      formatted += 1;
      return info;
    });
    const quiet = winston.createLogger({
      level: 'warn',
      format: winston.format.combine(counting(), winston.format.simple()),
      transports: [new winston.transports.Stream({ stream: out })],
    });
    quiet.debug('hidden');
    quiet.info('hidden too');
    quiet.warn('shown');
    // A transport more verbose than its logger still gets what it asks for.
    const verboseTransport = winston.createLogger({
      level: 'warn',
      format: winston.format.simple(),
      transports: [new winston.transports.Stream({ stream: out, level: 'debug' })],
    });
    verboseTransport.debug('for the verbose transport');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).to.deep.equal(['warn: shown', 'debug: for the verbose transport']);
    expect(formatted).to.equal(1); // the hidden ones were not formatted
  });
});

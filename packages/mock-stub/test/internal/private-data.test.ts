import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { CollectionConfig } from '../../src';
import { twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, type ScriptFunction } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

const collections: CollectionConfig[] = [
  {
    name: 'shared',
    policy: "OR('Org1MSP.member','Org2MSP.member')",
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive: 0,
    memberOnlyRead: true,
    memberOnlyWrite: true,
  },
  {
    name: 'org1only',
    policy: "OR('Org1MSP.member')",
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive: 2,
    memberOnlyRead: true,
    memberOnlyWrite: true,
  },
  { name: 'open', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 0, blockToLive: 0 },
];

const functions: Record<string, ScriptFunction> = {
  put: async (stub, [collection = '', key = '', value = '']) => {
    await stub.putPrivateData(collection, key, Buffer.from(value));
  },
  putTransient: async (stub, [collection = '', key = '']) => {
    await stub.putPrivateData(collection, key, stub.getTransient().get('secret') ?? Buffer.alloc(0));
  },
  putEmptyString: async (stub) => {
    await stub.putPrivateData('shared', 'k', '' as unknown as Uint8Array);
  },
  putEmptyBuffer: async (stub) => {
    await stub.putPrivateData('shared', 'k', Buffer.alloc(0));
  },
  get: async (stub, [collection = '', key = '']) => Buffer.from(await stub.getPrivateData(collection, key)),
  hash: async (stub, [collection = '', key = '']) => Buffer.from(await stub.getPrivateDataHash(collection, key)),
  del: async (stub, [collection = '', key = '']) => {
    await stub.deletePrivateData(collection, key);
  },
  purge: async (stub, [collection = '', key = '']) => {
    await stub.purgePrivateData(collection, key);
  },
  incr: async (stub, [collection = '', key = '']) => {
    const n = Number(Buffer.from(await stub.getPrivateData(collection, key)).toString() || '0');
    await stub.putPrivateData(collection, key, Buffer.from(String(n + 1)));
  },
  rangeShape: async (stub) => {
    const result = (await stub.getPrivateDataByRange('shared', '', '')) as unknown as Record<string, unknown>;
    return JSON.stringify(Object.keys(result));
  },
  rangeKeys: async (stub) => {
    const keys: string[] = [];
    for await (const kv of stub.getPrivateDataByRange('shared', 'a', 'z')) keys.push(kv.key);
    return keys.join(',');
  },
  writeThenRange: async (stub) => {
    await stub.putState('x', Buffer.from('1'));
    await stub.getPrivateDataByRange('shared', '', '');
  },
  rangeThenWrite: async (stub) => {
    await stub.getPrivateDataByRange('shared', '', '');
    await stub.putState('x', Buffer.from('1'));
  },
};

function setup(options: Parameters<typeof twoOrgNetwork>[0] = {}) {
  const network = twoOrgNetwork(options);
  network.channel.deploy({
    name: 'cc',
    chaincode: new ScriptChaincode(functions, async (stub) => {
      await stub.getPrivateData('shared', 'k');
    }),
    endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
    collections,
  });
  return network;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

describe('S-50 collections from the definition; implicit org collections (privdata/store.go, ledger_interface.go)', () => {
  it('writes and reads a defined collection', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'k', 'v'], identity: user1 });
    expect(channel.getPrivateData('cc', 'shared', 'k')?.toString()).to.equal('v');
    expect(channel.getState('cc', 'k')).to.equal(undefined);
    const read = await channel.evaluate({ chaincode: 'cc', fcn: 'get', args: ['shared', 'k'], identity: user1 });
    expect(read.payload.toString()).to.equal('v');
  });

  it('an unknown collection fails with the peer’s messages', async () => {
    const { channel, user1 } = setup();
    const read = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['nope', 'k'], identity: user1 });
    expect(read.response.message).to.equal(
      `GET_STATE failed: transaction ID: ${read.txId}: collection mychannel/cc/nope could not be found`,
    );
    const hash = await channel.endorse({ chaincode: 'cc', fcn: 'hash', args: ['nope', 'k'], identity: user1 });
    expect(hash.response.message).to.equal(
      `GET_PRIVATE_DATA_HASH failed: transaction ID: ${hash.txId}: collection [nope] not defined in the collection config for chaincode [cc]`,
    );
  });

  it('implicit collections exist for every organization', async () => {
    const { channel, user1 } = setup();
    await channel.submit({
      chaincode: 'cc',
      fcn: 'put',
      args: ['_implicit_org_Org1MSP', 'k', 'mine'],
      identity: user1,
    });
    expect(channel.getPrivateData('cc', '_implicit_org_Org1MSP', 'k')?.toString()).to.equal('mine');
  });

  it('rejects collection configs the lifecycle would refuse', () => {
    const { channel } = twoOrgNetwork();
    const bad = { name: 'c', policy: "OR('Org1MSP.member')", requiredPeerCount: 2, maxPeerCount: 1, blockToLive: 0 };
    expect(() => channel.deploy({ name: 'x', chaincode: new ScriptChaincode({}), collections: [bad] })).to.throw(
      'collection-name: c -- maximum peer count (1) cannot be less than the required peer count (2)',
    );
  });
});

describe('S-51 memberOnlyRead / memberOnlyWrite against the creator’s org; hashes for anyone', () => {
  it('refuses a non-member creator, but getPrivateDataHash answers SHA-256 of the value', async () => {
    const { channel, user1, user2 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['org1only', 'k', 'secret'], identity: user1 });
    const write = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['org1only', 'k', 'x'], identity: user2 });
    expect(write.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${write.txId}: tx creator does not have write access permission on privatedata in chaincodeName:cc collectionName: org1only`,
    );
    const read = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['org1only', 'k'], identity: user2 });
    expect(read.response.message).to.equal(
      `GET_STATE failed: transaction ID: ${read.txId}: tx creator does not have read access permission on privatedata in chaincodeName:cc collectionName: org1only`,
    );
    const hash = await channel.evaluate({ chaincode: 'cc', fcn: 'hash', args: ['org1only', 'k'], identity: user2 });
    expect(hash.payload.equals(sha256('secret'))).to.equal(true);
  });

  it('without memberOnly flags, a non-member creator may write', async () => {
    const { channel, user2 } = setup();
    const tx = await channel.submit({
      chaincode: 'cc',
      fcn: 'put',
      args: ['open', 'k', 'v'],
      identity: user2,
      endorsingOrganizations: ['Org1MSP'],
    });
    expect(tx.validationCode).to.equal('VALID');
    expect(channel.getPrivateData('cc', 'open', 'k')?.toString()).to.equal('v');
  });

  it('private reads are versioned: concurrent increments conflict', async () => {
    const { channel, user1 } = setup();
    const a = await channel.endorse({ chaincode: 'cc', fcn: 'incr', args: ['shared', 'n'], identity: user1 });
    const b = await channel.endorse({ chaincode: 'cc', fcn: 'incr', args: ['shared', 'n'], identity: user1 });
    expect(chaincodeNamespaces(a.readWriteSet)[0]?.collections[0]?.reads).to.deep.equal([{ key: 'n', version: null }]);
    const block = await channel.commit([a, b]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'MVCC_READ_CONFLICT']);
  });
});

describe('S-52 no private data in Init (handler.go)', () => {
  it('fails with "private data APIs are not allowed in chaincode Init()"', async () => {
    const { channel, user1 } = twoOrgNetwork();
    channel.deploy({
      name: 'cc',
      chaincode: new ScriptChaincode(functions, async (stub) => {
        await stub.getPrivateData('shared', 'k');
      }),
      endorsementPolicy: "OR('Org1MSP.peer')",
      collections,
      initRequired: true,
    });
    const init = await channel.endorse({ chaincode: 'cc', fcn: 'init', identity: user1, isInit: true });
    expect(init.response.message).to.equal(
      `GET_STATE failed: transaction ID: ${init.txId}: private data APIs are not allowed in chaincode Init()`,
    );
  });
});

describe('S-53 private range and rich queries only in read-only transactions (tx_simulator.go)', () => {
  it('refuses both orders and records nothing in the read set', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'b', '1'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'c', '2'], identity: user1 });
    const after = await channel.endorse({ chaincode: 'cc', fcn: 'writeThenRange', identity: user1 });
    expect(after.response.message).to.equal(
      `GET_STATE_BY_RANGE failed: transaction ID: ${after.txId}: txid [${after.txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`,
    );
    const before = await channel.endorse({ chaincode: 'cc', fcn: 'rangeThenWrite', identity: user1 });
    expect(before.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${before.txId}: txid [${before.txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`,
    );
    const range = await channel.endorse({ chaincode: 'cc', fcn: 'rangeKeys', identity: user1 });
    expect(range.response.payload.toString()).to.equal('b,c');
    expect(chaincodeNamespaces(range.readWriteSet)).to.deep.equal([]);
  });

  it('S-16 getPrivateDataByRange resolves to {iterator}, not an iterator', async () => {
    const { channel, user1 } = setup();
    const shape = await channel.evaluate({ chaincode: 'cc', fcn: 'rangeShape', identity: user1 });
    expect(JSON.parse(shape.payload.toString())).to.deep.equal(['iterator']);
  });
});

describe('S-54 purge (V2_5), empty values refused, transient data stays off the ledger', () => {
  it('purges value and hash with V2_5', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'k', 'v'], identity: user1 });
    const tx = await channel.submit({ chaincode: 'cc', fcn: 'purge', args: ['shared', 'k'], identity: user1 });
    expect(chaincodeNamespaces(tx.endorsement.readWriteSet)[0]?.collections[0]?.purges).to.deep.equal(['k']);
    expect(channel.getPrivateData('cc', 'shared', 'k')).to.equal(undefined);
    const hash = await channel.evaluate({ chaincode: 'cc', fcn: 'hash', args: ['shared', 'k'], identity: user1 });
    expect(hash.payload.length).to.equal(0);
  });

  it('refuses purge on a V2_0 channel', async () => {
    const { channel, user1 } = setup({ applicationCapability: 'V2_0' });
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'purge', args: ['shared', 'k'], identity: user1 });
    expect(e.response.message).to.equal(
      `PURGE_PRIVATE_DATA failed: transaction ID: ${e.txId}: purge private data is not enabled, channel application capability of V2_5 or later is required`,
    );
  });

  it('putPrivateData rejects an empty string (stub.js); an empty Buffer reaches the peer as a delete', async () => {
    const { channel, user1 } = setup();
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'putEmptyString', identity: user1 });
    expect(e.response).to.include({ status: 500, message: 'value must be valid' });
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'k', 'v'], identity: user1 });
    const del = await channel.submit({ chaincode: 'cc', fcn: 'putEmptyBuffer', identity: user1 });
    expect(chaincodeNamespaces(del.endorsement.readWriteSet)[0]?.collections[0]?.writes[0]?.isDelete).to.equal(true);
    expect(channel.getPrivateData('cc', 'shared', 'k')).to.equal(undefined);
  });

  it('transient data reaches the chaincode but not the ledger', async () => {
    const { channel, user1 } = setup();
    const tx = await channel.submit({
      chaincode: 'cc',
      fcn: 'putTransient',
      args: ['shared', 'k'],
      identity: user1,
      transient: { secret: 'from-transient' },
    });
    expect(channel.getPrivateData('cc', 'shared', 'k')?.toString()).to.equal('from-transient');
    expect(channel.getStateRange('cc')).to.deep.equal([]);
    expect(chaincodeNamespaces(tx.endorsement.readWriteSet)[0]?.writes).to.deep.equal([]);
  });
});

describe('S-55 dissemination, non-member peers, blockToLive (distributor.go, pvtstatepurgemgmt)', () => {
  it('a non-member org’s peer holds only the hash and cannot serve the value', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['org1only', 'k', 'v'], identity: user1 });
    const e = await channel.endorse({
      chaincode: 'cc',
      fcn: 'get',
      args: ['org1only', 'k'],
      identity: user1,
      endorsingOrganizations: ['Org2MSP'],
    });
    expect(e.response.message).to.match(
      /^GET_STATE failed: transaction ID: \w+: private data matching public hash version is not available\. Public hash version = \{BlockNum: 0, TxNum: 0\}, Private data version = <nil>$/,
    );
  });

  it('fails endorsement when requiredPeerCount exceeds the eligible member peers', async () => {
    const network = twoOrgNetwork();
    network.channel.deploy({
      name: 'cc',
      chaincode: new ScriptChaincode(functions),
      endorsementPolicy: "OR('Org1MSP.peer')",
      collections: [
        {
          name: 'c',
          policy: "OR('Org1MSP.member','Org2MSP.member')",
          requiredPeerCount: 2,
          maxPeerCount: 2,
          blockToLive: 0,
        },
      ],
    });
    const e = await network.channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['c', 'k', 'v'],
      identity: network.user1,
    });
    expect(e.response.message).to.equal(
      'error in simulation: could not build private data dissemination plan for chaincode cc and collection c: required to disseminate to at least 2 peers, but know of only 1 eligible peers',
    );
  });

  it('expires values and hashes blockToLive blocks after the write', async () => {
    const { channel, user1 } = setup();
    const write = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['org1only', 'k', 'v'], identity: user1 });
    const tick = () =>
      channel.submit({ chaincode: 'cc', fcn: 'put', args: ['shared', 'tick', String(Math.random())], identity: user1 });
    await tick();
    await tick();
    expect(channel.blocks.length - 1).to.equal(write.blockNumber + 2);
    expect(channel.getPrivateData('cc', 'org1only', 'k')?.toString()).to.equal('v');
    await tick();
    expect(channel.getPrivateData('cc', 'org1only', 'k')).to.equal(undefined);
    const hash = await channel.evaluate({ chaincode: 'cc', fcn: 'hash', args: ['org1only', 'k'], identity: user1 });
    expect(hash.payload.length).to.equal(0);
  });
});

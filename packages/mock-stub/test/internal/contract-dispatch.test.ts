import { expect } from 'chai';
import { Contract, Context, JSONSerializer } from 'fabric-contract-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';

class AssetContract extends Contract {
  constructor() {
    super('AssetContract');
  }

  async CreateAsset(ctx: Context, id: string, owner: string): Promise<void> {
    await ctx.stub.putState(id, Buffer.from(JSON.stringify({ id, owner })));
  }

  async ReadAsset(ctx: Context, id: string): Promise<string> {
    const data = await ctx.stub.getState(id);
    if (data.length === 0) throw new Error(`The asset ${id} does not exist`);
    return Buffer.from(data).toString();
  }

  WhoAmI(ctx: Context): string {
    return `${ctx.clientIdentity.getMSPID()} ${ctx.clientIdentity.getAttributeValue('hf.EnrollmentID') ?? ''}`;
  }
}

function chaincode(): ChaincodeFromContract {
  // ChaincodeFromContract pushes its system contract onto the array it is given: pass a fresh one.
  return new ChaincodeFromContract(
    [AssetContract],
    { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
    {},
    'assets',
    '1.0',
  );
}

describe('fabric-contract-api dispatch through the real stub (chaincodefromcontract.js)', () => {
  it('runs contract transactions and the client identity', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'assets', chaincode());
    await channel.submit({
      chaincode: 'assets',
      fcn: 'AssetContract:CreateAsset',
      args: ['a1', 'tom'],
      identity: user1,
    });
    const read = await channel.evaluate({
      chaincode: 'assets',
      fcn: 'AssetContract:ReadAsset',
      args: ['a1'],
      identity: user1,
    });
    expect(JSON.parse(read.payload.toString())).to.deep.equal({ id: 'a1', owner: 'tom' });
    const who = await channel.evaluate({ chaincode: 'assets', fcn: 'AssetContract:WhoAmI', identity: user1 });
    expect(who.payload.toString()).to.equal('Org1MSP user1');
  });

  it('a thrown error is a 500 with its message and nothing is written', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'assets', chaincode());
    const read = await channel.evaluate({
      chaincode: 'assets',
      fcn: 'AssetContract:ReadAsset',
      args: ['nope'],
      identity: user1,
    });
    expect(read).to.include({ status: 500, message: 'The asset nope does not exist' });
  });
});

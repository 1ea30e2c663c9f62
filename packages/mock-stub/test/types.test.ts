/**
 * Compile-time proof that what the mock hands to chaincode is fabric-shim-api's `ChaincodeStub`, and that
 * fabric-shim's `ClientIdentity` accepts it: if an upstream type changes, this file stops compiling.
 */
import { expect } from 'chai';
import type { ChaincodeStub as ApiStub, ClientIdentity as ApiClientIdentity } from 'fabric-shim-api';
import { ChaincodeStub as ShimStub, ClientIdentity } from 'fabric-shim';
import ChaincodeStub from 'fabric-shim/lib/stub';
import type {
  Block,
  ChaincodeDefinition,
  CommittedChaincodeDefinition,
  CommittedTransaction,
  Endorsement,
  LedgerSnapshot,
  MockChannel,
  MockFabric,
  MockIdentity,
  MockOrganization,
  ReadWriteSet,
  ValidationCode,
} from '../src';
import { createMockFabric } from '../src';
import { deployAnyOrg } from './fixtures/network';
import { ScriptChaincode } from './fixtures/script-chaincode';
import { chaincodeNamespaces } from './fixtures/chaincode-namespaces';

type Assert<T extends true> = T;
type Extends<A, B> = A extends B ? true : false;

// The class the mock instantiates is fabric-shim's own and satisfies the API interface.
export type StubIsApiStub = Assert<Extends<ChaincodeStub, ApiStub>>;
export type StubIsShimStub = Assert<Extends<ChaincodeStub, ShimStub>>;
export type ClientIdentityIsApi = Assert<Extends<ClientIdentity, ApiClientIdentity>>;
export type Codes = Assert<Extends<'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT', ValidationCode>>;

describe('types: the stub handed to chaincode is fabric-shim’s ChaincodeStub', () => {
  it('is an instance of fabric-shim’s class at run time, with a working ClientIdentity', async () => {
    const fabric: MockFabric = createMockFabric({ determinismCheck: false });
    const org: MockOrganization = fabric.addOrganization('Org1MSP');
    const channel: MockChannel = fabric.createChannel('ch');
    const identity: MockIdentity = org.createIdentity({ name: 'u' });
    let seen: ApiStub | undefined;
    const definition: ChaincodeDefinition = {
      name: 'cc',
      chaincode: new ScriptChaincode({
        look: (stub: ApiStub) => {
          seen = stub;
          const cid: ApiClientIdentity = new ClientIdentity(stub);
          return cid.getMSPID();
        },
      }),
    };
    deployAnyOrg(channel, definition.name, definition.chaincode);
    const endorsement: Endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'look', identity });
    const block: Block = await channel.commit([endorsement]);
    const tx: CommittedTransaction | undefined = block.transactions[0];
    const rwset: ReadWriteSet = endorsement.readWriteSet;
    const snapshot: LedgerSnapshot = fabric.snapshot();
    const definitions: readonly CommittedChaincodeDefinition[] = channel.chaincodeDefinitions;
    expect(definitions.map((d) => d.name)).to.deep.equal(['cc']);
    expect(seen).to.be.instanceOf(ShimStub);
    expect(endorsement.response.payload.toString()).to.equal('Org1MSP');
    expect(tx?.validationCode).to.equal('VALID');
    expect(chaincodeNamespaces(rwset)).to.deep.equal([]);
    expect(snapshot.takenAt).to.be.instanceOf(Date);
  });
});

import { expect } from 'chai';
import { computeTransactionId } from '@fabric-testkit/fabric-core';
import { peer } from '@hyperledger/fabric-protos';
import { createMockFabric } from '../../src';
import type { MockIdentityImpl } from '../../src/identity/identity';
import { buildProposal } from '../../src/internal/proposal';

// The bytes themselves are checked against @hyperledger/fabric-protos in fabric-core (proposal-bytes.test.ts).
describe('S-05 the mock builds its proposals with fabric-core', () => {
  const identity = createMockFabric().addOrganization('Org1MSP').createIdentity({ name: 'u' }) as MockIdentityImpl;

  it('names the transaction by nonce and creator, carries the input and signs lazily', () => {
    const request = {
      channel: 'mychannel',
      chaincode: 'basic',
      args: [Buffer.from('fn')],
      transient: new Map([['k', Buffer.from('v')]]),
      isInit: true,
      timestamp: new Date('2024-01-02T03:04:05.678Z'),
      nonce: Buffer.alloc(24, 7),
      identity,
    };
    const built = buildProposal(request);
    expect(built.txId).to.equal(computeTransactionId(request.nonce, identity.serialize()));
    expect(built.input.getIsInit()).to.equal(true);
    const proposal = peer.Proposal.deserializeBinary(built.signedProposal.getProposalBytes_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    expect(Buffer.from(payload.getTransientmapMap().get('k') as Uint8Array).toString()).to.equal('v');
    expect(built.signature()).to.equal(built.signature());
  });
});

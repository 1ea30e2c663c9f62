import { expect } from 'chai';
import { common, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { createMockFabric } from '../../src';
import type { MockIdentityImpl } from '../../src/identity/identity';
import { buildProposal, computeTxId, encodeProposal, type ProposalInput } from '../../src/internal/proposal';

/** The reference: the same proposal built with @hyperledger/fabric-protos message objects. */
function withProtos(request: ProposalInput, txId: string, creator: Uint8Array): Uint8Array {
  const input = new peer.ChaincodeInput();
  input.setArgsList([...request.args]);
  input.setIsInit(request.isInit);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(request.chaincode);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(request.channel);
  channelHeader.setTxId(txId);
  channelHeader.setEpoch(0);
  channelHeader.setTimestamp(Timestamp.fromDate(request.timestamp));
  channelHeader.setExtension$(extension.serializeBinary());
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator);
  signatureHeader.setNonce(request.nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  for (const [key, value] of request.transient) payload.getTransientmapMap().set(key, value);
  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  return proposal.serializeBinary();
}

describe('S-05 proposals are byte-for-byte what @hyperledger/fabric-protos builds', () => {
  const identity = createMockFabric().addOrganization('Org1MSP').createIdentity({ name: 'u' }) as MockIdentityImpl;
  const cases: Omit<ProposalInput, 'identity'>[] = [
    {
      channel: 'mychannel',
      chaincode: 'basic',
      args: [Buffer.from('fn')],
      transient: new Map(),
      isInit: false,
      timestamp: new Date('2024-01-02T03:04:05.678Z'),
      nonce: Buffer.alloc(24, 7),
    },
    {
      channel: 'c',
      chaincode: 'x',
      args: [Buffer.from(''), Buffer.alloc(300, 1), Buffer.from('ünïcode')],
      transient: new Map([
        ['z', Buffer.from('1')],
        ['a', Buffer.alloc(0)],
        ['m', Buffer.alloc(200, 2)],
      ]),
      isInit: true,
      timestamp: new Date(Date.UTC(2020, 0, 1)),
      nonce: Buffer.from('0123456789abcdef01234567'),
    },
    {
      channel: 'ch',
      chaincode: 'cc',
      args: [],
      transient: new Map(),
      isInit: false,
      timestamp: new Date(999),
      nonce: Buffer.alloc(24),
    },
  ];

  for (const [i, c] of cases.entries()) {
    it(`case ${i}`, () => {
      const request = { ...c, identity };
      const creator = identity.serialize();
      const txId = computeTxId(request.nonce, creator);
      expect(
        Buffer.from(encodeProposal(request, txId, creator)).equals(Buffer.from(withProtos(request, txId, creator))),
      ).to.equal(true);
      const built = buildProposal(request);
      expect(built.txId).to.equal(txId);
      expect(built.input.getIsInit()).to.equal(c.isInit);
    });
  }
});

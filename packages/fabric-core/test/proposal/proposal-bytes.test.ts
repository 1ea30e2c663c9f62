import { expect } from 'chai';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import {
  buildProposalBytes,
  CHAINCODE_TYPES,
  computeTransactionId,
  encodeProposal,
  type ProposalContent,
} from '../../src';

/** The reference: the same proposal built with @hyperledger/fabric-protos message objects. */
function withProtos(content: ProposalContent, txId: string): Uint8Array {
  const input = new peer.ChaincodeInput();
  input.setArgsList([...content.args]);
  input.setIsInit(content.isInit ?? false);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(content.chaincodeName);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(content.channelId);
  channelHeader.setTxId(txId);
  channelHeader.setEpoch(0);
  channelHeader.setTimestamp(Timestamp.fromDate(content.timestamp));
  channelHeader.setExtension$(extension.serializeBinary());
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(content.creator);
  signatureHeader.setNonce(content.nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const spec = new peer.ChaincodeSpec();
  spec.setType(content.chaincodeType ?? peer.ChaincodeSpec.Type.GOLANG);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  for (const [key, value] of content.transient ?? []) payload.getTransientmapMap().set(key, value);
  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  return proposal.serializeBinary();
}

function creator(mspId: string): Uint8Array {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(Buffer.from('-----BEGIN CERTIFICATE-----\nnot a real one\n-----END CERTIFICATE-----\n'));
  return identity.serializeBinary();
}

describe('S-05 proposals are byte-for-byte what @hyperledger/fabric-protos builds', () => {
  const cases: ProposalContent[] = [
    {
      channelId: 'mychannel',
      chaincodeName: 'basic',
      args: [Buffer.from('fn')],
      transient: new Map(),
      isInit: false,
      timestamp: new Date('2024-01-02T03:04:05.678Z'),
      nonce: Buffer.alloc(24, 7),
      creator: creator('Org1MSP'),
      chaincodeType: CHAINCODE_TYPES.NODE,
    },
    {
      channelId: 'c',
      chaincodeName: 'x',
      args: [Buffer.from(''), Buffer.alloc(300, 1), Buffer.from('ünïcode')],
      transient: new Map([
        ['z', Buffer.from('1')],
        ['a', Buffer.alloc(0)],
        ['m', Buffer.alloc(200, 2)],
      ]),
      isInit: true,
      timestamp: new Date(Date.UTC(2020, 0, 1)),
      nonce: Buffer.from('0123456789abcdef01234567'),
      creator: creator('Org2MSP'),
      chaincodeType: CHAINCODE_TYPES.NODE,
    },
    {
      channelId: '',
      chaincodeName: 'cscc',
      args: [],
      timestamp: new Date(999),
      nonce: Buffer.alloc(24),
      creator: creator('Org1MSP'),
    },
  ];

  for (const [i, content] of cases.entries()) {
    it(`case ${i}`, () => {
      const txId = computeTransactionId(content.nonce, content.creator);
      expect(Buffer.from(encodeProposal(content, txId)).equals(Buffer.from(withProtos(content, txId)))).to.equal(true);
      const built = buildProposalBytes(content);
      expect(built.transactionId).to.equal(txId);
      expect(built.proposalBytes.equals(Buffer.from(withProtos(content, txId)))).to.equal(true);
    });
  }
});

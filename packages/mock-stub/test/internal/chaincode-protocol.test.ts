/**
 * The peer's side of the chaincode protocol against a scripted chaincode server (a gRPC `protos.Chaincode` service
 * written here message by message), for what fabric-shim never sends: a first message other than REGISTER, an empty
 * chaincode ID, an ERROR instead of COMPLETED, a message for an unknown transaction, a type the peer does not
 * handle. The texts are `core/chaincode/handler.go`'s and `chaincode_support.go` processChaincodeExecutionResult's.
 */
import { expect } from 'chai';
import { Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { createMockFabric, type MockFabric, type MockIdentity } from '../../src';

const Type = peer.ChaincodeMessage.Type;
type Stream = ServerDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>;
type MessageType = peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap];

function message(
  type: MessageType,
  payload: Uint8Array = new Uint8Array(),
  txId = '',
  channel = '',
): peer.ChaincodeMessage {
  const result = new peer.ChaincodeMessage();
  result.setType(type);
  result.setPayload(payload);
  result.setTxid(txId);
  result.setChannelId(channel);
  return result;
}

function register(name: string): peer.ChaincodeMessage {
  const id = new peer.ChaincodeID();
  id.setName(name);
  return message(Type.REGISTER, id.serializeBinary());
}

/** Starts a chaincode server whose stream `script` drives; resolves to its address. */
async function scriptedServer(script: (stream: Stream) => void): Promise<{ address: string; stop: () => void }> {
  const server = new Server();
  // Responses given as a Buffer are sent as they are: the bytes a broken chaincode server might send.
  const connect = peer.ChaincodeService.connect;
  const service = {
    connect: {
      ...connect,
      responseSerialize: (value: peer.ChaincodeMessage | Buffer) =>
        Buffer.isBuffer(value) ? value : connect.responseSerialize(value),
    },
  };
  server.addService(service, { connect: script });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** Registers, then hands each TRANSACTION (and every later message) to `onMessage`. */
function chaincode(onMessage: (stream: Stream, received: peer.ChaincodeMessage) => void) {
  return (stream: Stream): void => {
    stream.write(register('scripted_1.0:abc'));
    stream.on('data', (received: peer.ChaincodeMessage) => {
      if (received.getType() === Type.REGISTERED || received.getType() === Type.READY) return;
      onMessage(stream, received);
    });
    stream.on('error', () => undefined);
  };
}

interface Network {
  fabric: MockFabric;
  user: MockIdentity;
}

function networkWith(address: string): Network {
  const fabric = createMockFabric({ determinismCheck: false });
  const org = fabric.addOrganization('Org1MSP');
  fabric.createChannel('mychannel').deploy({ name: 'cc', chaincode: { address } });
  return { fabric, user: org.createIdentity({ name: 'user1' }) };
}

async function endorse(network: Network) {
  const endorsement = await network.fabric
    .getChannel('mychannel')
    .endorse({ chaincode: 'cc', fcn: 'anything', identity: network.user });
  return endorsement.response;
}

describe('chaincode protocol edges (handler.go, chaincode_support.go)', function () {
  const servers: { stop: () => void }[] = [];
  const networks: Network[] = [];

  async function start(script: (stream: Stream) => void): Promise<Network> {
    const server = await scriptedServer(script);
    servers.push(server);
    const network = networkWith(server.address);
    networks.push(network);
    return network;
  }

  afterEach(function () {
    for (const network of networks.splice(0)) network.fabric.close();
    for (const server of servers.splice(0)) server.stop();
  });

  it('turns an ERROR from the chaincode into "transaction returned with failure"', async function () {
    const network = await start(
      chaincode((stream, received) => {
        stream.write(message(Type.ERROR, Buffer.from('boom'), received.getTxid(), received.getChannelId()));
      }),
    );
    const response = await endorse(network);
    expect(response.status).to.equal(500);
    expect(response.message).to.match(
      /^error in simulation: failed to execute transaction [0-9a-f]{64}: transaction returned with failure: boom$/,
    );
  });

  it('answers a message type it does not handle, and one for an unknown transaction, with ERROR', async function () {
    const answers: string[] = [];
    const network = await start(
      chaincode((stream, received) => {
        if (received.getType() === Type.TRANSACTION) {
          stream.write(message(Type.KEEPALIVE));
          stream.write(message(Type.GET_STATE, new peer.GetState().serializeBinary(), 'not-a-tx', 'mychannel'));
          stream.write(message(Type.INIT, new Uint8Array(), received.getTxid(), received.getChannelId()));
          return;
        }
        answers.push(`${received.getType()}:${Buffer.from(received.getPayload_asU8()).toString()}`);
        if (answers.length === 2) {
          const done = new peer.Response();
          done.setStatus(200);
          stream.write(message(Type.COMPLETED, done.serializeBinary(), received.getTxid(), received.getChannelId()));
        }
      }),
    );
    const response = await endorse(network);
    expect(response.status).to.equal(200);
    expect(answers).to.have.length(2);
    expect(answers).to.include(`${Type.ERROR}:GET_STATE failed: transaction ID: not-a-tx: no ledger context`);
    expect(answers.find((answer) => answer.includes('INIT'))).to.match(
      new RegExp(
        `^${Type.ERROR}:\\[[0-9a-f]{8}\\] Fabric side handler cannot handle message \\(INIT\\) while in ready state$`,
      ),
    );
  });

  it('answers a request that does not unmarshal, and fails a COMPLETED that does not, with the peer texts', async function () {
    // 0x0b starts a group, which proto3 messages never hold: protobuf-go cannot parse it.
    const malformed = Buffer.from([0x0b]);
    let answer = '';
    const network = await start(
      chaincode((stream, received) => {
        if (received.getType() === Type.TRANSACTION) {
          stream.write(message(Type.GET_STATE, malformed, received.getTxid(), received.getChannelId()));
          return;
        }
        answer = `${received.getType()}:${Buffer.from(received.getPayload_asU8()).toString()}`;
        stream.write(message(Type.COMPLETED, malformed, received.getTxid(), received.getChannelId()));
      }),
    );
    const response = await endorse(network);
    // handler.go HandleGetState: errors.Wrap(err, "unmarshal failed"), wrapped with the type and transaction.
    expect(answer).to.match(
      new RegExp(
        `^${Type.ERROR}:GET_STATE failed: transaction ID: [0-9a-f]{64}: unmarshal failed: proto: cannot parse invalid wire-format data$`,
      ),
    );
    // chaincode_support.go processChaincodeExecutionResult.
    expect(response.status).to.equal(500);
    expect(response.message).to.match(
      /^error in simulation: failed to execute transaction [0-9a-f]{64}: failed to unmarshal response for transaction [0-9a-f]{64}: proto: cannot parse invalid wire-format data$/,
    );
  });

  it('ends a stream that carries bytes that are not a ChaincodeMessage, and names a REGISTER without a ChaincodeID', async function () {
    const garbage = await start((stream) => {
      stream.write(register('scripted_1.0:abc'));
      stream.on('data', (received: peer.ChaincodeMessage) => {
        if (received.getType() !== Type.TRANSACTION) return;
        // A ChaincodeMessage whose txid (field 4) claims more bytes than follow.
        (stream as unknown as { write(bytes: Buffer): void }).write(Buffer.from([0x22, 0x09, 0x61]));
      });
      stream.on('error', () => undefined);
    });
    // The peer ends a stream it cannot read; the transaction on it fails as on any stream that ends.
    expect((await endorse(garbage)).message).to.match(
      /^error in simulation: failed to execute transaction [0-9a-f]{64}: chaincode stream terminated$/,
    );
    const badRegister = await start((stream) => {
      stream.write(message(Type.REGISTER, Buffer.from([0x12, 0x05])));
      stream.on('error', () => undefined);
    });
    expect((await endorse(badRegister)).message).to.match(
      /chaincode server at 127\.0\.0\.1:\d+: its REGISTER does not carry a ChaincodeID \(field 2 runs past the end\)$/,
    );
  });

  it('refuses a server whose first message is not REGISTER: it does not speak the chaincode protocol', async function () {
    const network = await start((stream) => {
      stream.write(message(Type.READY));
      stream.on('error', () => undefined);
    });
    const response = await endorse(network);
    expect(response.status).to.equal(500);
    expect(response.message).to.contain(
      'its first message was READY, not REGISTER: it does not speak the chaincode protocol',
    );
  });

  it('names the gRPC status of a server that does not serve protos.Chaincode', async function () {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    servers.push({ stop: () => server.forceShutdown() });
    const network = networkWith(`127.0.0.1:${port}`);
    networks.push(network);
    const response = await endorse(network);
    expect(response.message).to.match(
      new RegExp(`chaincode server at 127\\.0\\.0\\.1:${port}: the stream failed before REGISTER: gRPC status 12`),
    );
  });

  it('refuses a registration with an empty chaincode ID', async function () {
    const network = await start((stream) => {
      stream.write(register(''));
      stream.on('error', () => undefined);
    });
    expect((await endorse(network)).message).to.contain('it registered with an empty chaincode ID (set CHAINCODE_ID)');
  });

  it('fails a running transaction with "chaincode stream terminated" when the server goes away', async function () {
    const network = await start(chaincode((stream) => stream.end()));
    const response = await endorse(network);
    expect(response.status).to.equal(500);
    expect(response.message).to.match(/failed to execute transaction [0-9a-f]{64}: chaincode stream terminated$/);
  });
});

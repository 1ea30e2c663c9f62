import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { FabricRequestError, WaitTimeoutError } from '../errors';

/** How to reach a peer's gRPC endpoint over TLS. */
export interface PeerEndpoint {
  /** `host:port` as this process reaches the peer, for example `127.0.0.1:32801`. */
  readonly address: string;
  /** The peer's TLS CA certificate, PEM. */
  readonly tlsCaCertificate: string;
  /** The host name in the peer's TLS certificate, when `address` is not in it. */
  readonly serverName?: string;
}

const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

/** Creates a gRPC client for a peer, for the Endorser service or the Fabric Gateway. */
export function createPeerClient(endpoint: PeerEndpoint): Client {
  const options: Record<string, string | number> = {
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  };
  if (endpoint.serverName) {
    options['grpc.ssl_target_name_override'] = endpoint.serverName;
  }
  return new Client(endpoint.address, credentials.createSsl(Buffer.from(endpoint.tlsCaCertificate)), options);
}

/** Sends a signed proposal to `protos.Endorser/ProcessProposal` and returns the peer's response. */
export function processProposal(
  client: Client,
  signedProposal: peer.SignedProposal,
  timeoutMs = 60_000,
): Promise<peer.ProposalResponse> {
  return unaryRequest(client, {
    method: '/protos.Endorser/ProcessProposal',
    request: signedProposal,
    response: (bytes) => peer.ProposalResponse.deserializeBinary(bytes),
    timeoutMs,
    operation: 'ProcessProposal',
  });
}

/** One unary gRPC call of a protobuf message; a failure is a {@link FabricRequestError} naming `operation`. */
export function unaryRequest<Response>(
  client: Client,
  call: {
    readonly method: string;
    readonly request: { serializeBinary(): Uint8Array };
    readonly response: (bytes: Buffer) => Response;
    readonly timeoutMs: number;
    readonly operation: string;
  },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      call.method,
      (value: { serializeBinary(): Uint8Array }) => Buffer.from(value.serializeBinary()),
      call.response,
      call.request,
      { deadline: Date.now() + call.timeoutMs },
      (error: ServiceError | null, response?: Response) => {
        if (error || response === undefined) {
          reject(
            new FabricRequestError(call.operation, error?.details ?? 'no response', error?.code, { cause: error }),
          );
        } else {
          resolve(response);
        }
      },
    );
  });
}

/** Waits until a gRPC TLS connection to the peer is established (healthz answers before the gRPC server listens). */
export async function waitForPeerGrpc(endpoint: PeerEndpoint, peerName: string, timeoutMs: number): Promise<void> {
  const client = createPeerClient(endpoint);
  try {
    await new Promise<void>((resolve, reject) => {
      client.waitForReady(Date.now() + timeoutMs, (error) => {
        if (error) {
          reject(
            new WaitTimeoutError(`${peerName} gRPC at ${endpoint.address}`, timeoutMs, error.message, { cause: error }),
          );
        } else {
          resolve();
        }
      });
    });
  } finally {
    client.close();
  }
}

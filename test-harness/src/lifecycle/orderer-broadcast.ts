import type { Client } from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import { FabricRequestError } from '../errors';

/**
 * Sends one envelope to an orderer's `orderer.AtomicBroadcast/Broadcast` stream and waits for its answer, as
 * `peer channel update` does. A status other than SUCCESS rejects with the orderer's status and info, for example
 * `BAD_REQUEST: error applying config update to existing channel 'c': ...`.
 */
export function broadcast(
  client: Client,
  envelope: common.Envelope,
  operation: string,
  timeoutMs = 30_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.makeBidiStreamRequest(
      '/orderer.AtomicBroadcast/Broadcast',
      (value: common.Envelope) => Buffer.from(value.serializeBinary()),
      (bytes: Buffer) => orderer.BroadcastResponse.deserializeBinary(bytes),
      { deadline: Date.now() + timeoutMs },
    );
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      stream.end();
      if (error === undefined) resolve();
      else reject(error);
    };
    stream.on('data', (response: orderer.BroadcastResponse) => {
      const status = response.getStatus();
      if (status === common.Status.SUCCESS) {
        settle();
        return;
      }
      const name = Object.entries(common.Status).find(([, code]) => code === status)?.[0] ?? String(status);
      settle(new FabricRequestError(operation, `${name}: ${response.getInfo()}`, status));
    });
    stream.on('error', (error: Error & { code?: number; details?: string }) => {
      settle(new FabricRequestError(operation, error.details ?? error.message, error.code, { cause: error }));
    });
    stream.on('end', () =>
      settle(new FabricRequestError(operation, 'the orderer closed the stream without an answer')),
    );
    stream.write(envelope);
  });
}

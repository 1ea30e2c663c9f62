import { connect, signers, type Gateway } from '@hyperledger/fabric-gateway';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import { createPeerClient, type PeerEndpoint } from '../lifecycle/endorser-client';

/** A gateway connection and the gRPC client under it; `close()` closes both. */
export interface GatewayConnection extends AsyncDisposable {
  readonly gateway: Gateway;
  close(): void;
}

/** Connects a `@hyperledger/fabric-gateway` client to a peer as the given identity. */
export function connectGateway(endpoint: PeerEndpoint, identity: SigningIdentity): GatewayConnection {
  const client = createPeerClient(endpoint);
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificate) },
    signer: signers.newPrivateKeySigner(identity.privateKey),
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const close = (): void => {
    gateway.close();
    client.close();
  };
  return { gateway, close, [Symbol.asyncDispose]: () => Promise.resolve(close()) };
}

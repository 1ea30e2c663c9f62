import { signers, type Signer } from '@hyperledger/fabric-gateway';
import type { GatewayConnection, SigningIdentity, StartedFabricNetwork } from '@fabric-testkit/test-harness';

/** An identity registered and enrolled at its organization's CA, with a gateway connection to that organization. */
export interface RegisteredIdentity {
  readonly signing: SigningIdentity;
  readonly connection: GatewayConnection;
  readonly sign: Signer;
}

/** Registers and enrolls `name` at the CA of organization `orgName` (attributes in the certificate) and connects. */
export async function registerIdentity(
  fabric: StartedFabricNetwork,
  orgName: string,
  name: string,
  attributes: Readonly<Record<string, string>>,
): Promise<RegisteredIdentity> {
  const signing = await fabric.organization(orgName).registerUser({
    name,
    attributes: Object.entries(attributes).map(([attribute, value]) => ({ name: attribute, value, ecert: true })),
  });
  return connected(fabric, orgName, signing);
}

/** An identity the network already has (an organization's admin), connected to one of its organization's peers. */
export function connected(
  fabric: StartedFabricNetwork,
  orgName: string,
  signing: SigningIdentity,
  peerIndex = 0,
): RegisteredIdentity {
  return {
    signing,
    connection: fabric.connectGateway(orgName, signing, peerIndex),
    sign: signers.newPrivateKeySigner(signing.privateKey),
  };
}

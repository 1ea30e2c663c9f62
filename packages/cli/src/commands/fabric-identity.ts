/** Signing identities and peer endpoints of a real network, from its state file. */
import { createPrivateKey } from 'node:crypto';
import type { PeerEndpoint, SigningIdentity } from '@fabric-testkit/test-harness';
import type { Caller } from './command-target';
import { identityOf, organizationOf } from './command-target';
import { NetworkCommandError } from './network-errors';
import type { NetworkDescription, OrganizationDescription } from './network-state';

/** An organization's admin, as the lifecycle calls and the gateway sign with it. */
export function adminOf(org: OrganizationDescription): SigningIdentity {
  return {
    mspId: org.admin.mspId,
    certificate: org.admin.certificate,
    privateKey: createPrivateKey(org.admin.privateKey),
  };
}

/** The organization's first peer as a gRPC client reaches it. */
export function firstPeerOf(org: OrganizationDescription): PeerEndpoint & { readonly name: string } {
  const peer = org.peers[0];
  if (peer === undefined) throw new NetworkCommandError(`organization ${org.name} has no peer in its state file`);
  return peer;
}

/** Who signs a call and which organization's peer runs its gateway: `--as NAME`, else `--org`'s admin. */
export function callerOf(
  description: NetworkDescription,
  caller: Caller,
): { identity: SigningIdentity; organization: OrganizationDescription } {
  if (caller.as !== undefined) {
    const record = identityOf(description, caller.as);
    const organization = organizationOf(description.organizations, record.organization);
    if (record.certificate === undefined || record.privateKey === undefined) {
      throw new NetworkCommandError(`identity ${record.name} has no certificate in the state file; register it again`);
    }
    return {
      identity: {
        mspId: record.mspId,
        certificate: record.certificate,
        privateKey: createPrivateKey(record.privateKey),
      },
      organization,
    };
  }
  const [first] = description.organizations;
  if (first === undefined) throw new NetworkCommandError(`network ${description.id} has no organization`);
  const organization =
    caller.organization === undefined ? first : organizationOf(description.organizations, caller.organization);
  return { identity: adminOf(organization), organization };
}

import type { CaClient } from '../ca/ca-client';
import type { Enrollment } from '../ca/types';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import { CA_BOOTSTRAP, type NodeIdentities } from './node-specs';

/** A node to issue identities for. */
export interface NodeToEnroll {
  readonly name: string;
  readonly type: 'peer' | 'orderer';
  /** Host names and IP addresses for its TLS certificate. */
  readonly hosts: readonly string[];
}

/** An organization's identities, all issued by its CA. */
export interface OrganizationCrypto {
  readonly mspId: string;
  /** The bootstrap registrar, for registering more identities later. */
  readonly registrar: Enrollment;
  /** The organization's admin (type `admin`, so an MSP admin through NodeOUs), with a TLS client certificate. */
  readonly admin: SigningIdentity & { readonly tls: Enrollment };
  readonly nodes: ReadonlyMap<string, NodeIdentities>;
}

const ADMIN_ID = 'orgadmin';
const ADMIN_SECRET = 'orgadminpw';

/** Registers and enrolls an organization's admin and nodes, all requests in parallel after the registrar's enrollment. */
export async function enrollOrganization(
  ca: CaClient,
  mspId: string,
  nodes: readonly NodeToEnroll[],
): Promise<OrganizationCrypto> {
  const registrar = await ca.enroll({ ...CA_BOOTSTRAP });
  await Promise.all([
    ca.register(registrar, { enrollmentId: ADMIN_ID, secret: ADMIN_SECRET, type: 'admin' }),
    ...nodes.map((n) => ca.register(registrar, { enrollmentId: n.name, secret: `${n.name}pw`, type: n.type })),
  ]);
  const adminSigning = ca.enroll({ enrollmentId: ADMIN_ID, secret: ADMIN_SECRET });
  const adminTls = ca.enroll({ enrollmentId: ADMIN_ID, secret: ADMIN_SECRET, profile: 'tls', hosts: [ADMIN_ID] });
  const nodeIdentities = nodes.map(async (n): Promise<[string, NodeIdentities]> => {
    const secret = `${n.name}pw`;
    const [signing, tls] = await Promise.all([
      ca.enroll({ enrollmentId: n.name, secret }),
      ca.enroll({ enrollmentId: n.name, secret, profile: 'tls', hosts: n.hosts }),
    ]);
    return [n.name, { mspId, signing, tls }];
  });
  const [signing, tls, ...entries] = await Promise.all([adminSigning, adminTls, ...nodeIdentities]);
  return {
    mspId,
    registrar,
    admin: { mspId, certificate: signing.certificate, privateKey: signing.privateKey, tls },
    nodes: new Map(entries),
  };
}

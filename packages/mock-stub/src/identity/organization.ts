import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IdentityOptions, IdentityRole, MockIdentity, MockOrganization } from '../api';
import { invalidArgument } from '../errors';
import { issueCertificate, type DistinguishedName } from './certificate';
import { MockIdentityImpl } from './identity';

const ROLES: readonly IdentityRole[] = ['client', 'admin', 'peer', 'orderer'];
const ADMIN = 'admin';
/** Certificates are back-dated like Fabric CA's (`fabric-ca` backdates by 5 minutes). */
const BACKDATE_MS = 5 * 60 * 1000;

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

/** Domain used in CA and organization names, e.g. `Org1MSP` → `org1.example.com`. */
function domainOf(mspId: string): string {
  return `${mspId.replace(/MSP$/i, '').toLowerCase() || 'org'}.example.com`;
}

/**
 * An organization with its own CA (ECDSA P-256, created in memory) and NodeOU-style identities: the role is the
 * certificate's OU, as `cryptogen`/Fabric CA with NodeOUs enabled do.
 */
export class MockOrganizationImpl implements MockOrganization {
  readonly caCertificatePem: string;
  #admin: MockIdentityImpl | undefined;
  readonly #caKey: KeyObject;
  readonly #caName: DistinguishedName;
  readonly #identities = new Map<string, MockIdentityImpl>();

  constructor(readonly mspId: string) {
    const domain = domainOf(mspId);
    const { publicKey, privateKey } = newKeyPair();
    this.#caKey = privateKey;
    this.#caName = [
      ['C', 'US'],
      ['ST', 'North Carolina'],
      ['L', 'Durham'],
      ['O', domain],
      ['CN', `ca.${domain}`],
    ];
    this.caCertificatePem = issueCertificate({
      subject: this.#caName,
      issuer: this.#caName,
      subjectPublicKey: publicKey,
      issuerPrivateKey: privateKey,
      isCa: true,
      notBefore: new Date(Date.now() - BACKDATE_MS),
    });
  }

  /** The organization's admin, issued on first use: a test that never needs it does not pay for its certificate. */
  get admin(): MockIdentity {
    this.#admin ??= this.#issue({ name: ADMIN, role: 'admin' });
    return this.#admin;
  }

  createIdentity(options: IdentityOptions): MockIdentityImpl {
    // The admin's name is taken from the start, as when the admin was issued with the organization.
    if (options.name === ADMIN) {
      throw invalidArgument(`identity [${ADMIN}] already exists in organization [${this.mspId}]`);
    }
    return this.#issue(options);
  }

  #issue(options: IdentityOptions): MockIdentityImpl {
    const role = options.role ?? 'client';
    if (!ROLES.includes(role)) throw invalidArgument(`unknown identity role [${String(role)}]`);
    if (typeof options.name !== 'string' || options.name === '') {
      throw invalidArgument('identity name must be a non-empty string');
    }
    if (this.#identities.has(options.name)) {
      throw invalidArgument(`identity [${options.name}] already exists in organization [${this.mspId}]`);
    }
    const { publicKey, privateKey } = newKeyPair();
    // Fabric CA always adds these three attributes to an enrollment certificate (`lib/attrmgr`).
    const attrs = {
      'hf.Affiliation': '',
      'hf.EnrollmentID': options.name,
      'hf.Type': role,
      ...options.attributes,
    };
    const certificatePem = issueCertificate({
      subject: [
        ['C', 'US'],
        ['ST', 'North Carolina'],
        ['O', 'Hyperledger'],
        ['OU', role],
        ['CN', options.name],
      ],
      issuer: this.#caName,
      subjectPublicKey: publicKey,
      issuerPrivateKey: this.#caKey,
      isCa: false,
      notBefore: new Date(Date.now() - BACKDATE_MS),
      attributesJson: JSON.stringify({ attrs }),
    });
    const identity = new MockIdentityImpl(this.mspId, options.name, role, certificatePem, privateKey);
    this.#identities.set(options.name, identity);
    return identity;
  }

  getIdentity(name: string): MockIdentityImpl {
    const identity = this.#identities.get(name);
    if (identity === undefined) throw invalidArgument(`identity [${name}] not found in organization [${this.mspId}]`);
    return identity;
  }
}

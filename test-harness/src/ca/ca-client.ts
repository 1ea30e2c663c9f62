import { X509Certificate as X509 } from 'node:crypto';
import { CaError } from '../errors';
import { createCsr } from '../crypto/csr';
import { generateEcKeyPair } from '../crypto/ecdsa';
import { CaHttpTransport } from './http';
import { createAuthToken } from './token';
import type { AttributeRequest, CaInfo, EnrollRequest, Enrollment, ReenrollRequest, RegisterRequest } from './types';

/** Options of {@link CaClient}. */
export interface CaClientOptions {
  /** The CA's base URL, for example `https://127.0.0.1:32771`. */
  readonly url: string;
  /**
   * Returns the CA's base URL now, read before each request instead of `url`: the harness's `organization.ca`
   * follows the CA's current host port this way after a restart. Default: always `url`.
   */
  readonly currentUrl?: () => string;
  /** PEM certificates that sign the CA's TLS certificate (the CA's own `ca-cert.pem` for a default server). */
  readonly tlsCaCertificates: string;
  /** The CA name, for servers hosting several CAs. Default: the server's default CA. */
  readonly caName?: string;
}

/**
 * A Fabric CA client over its REST API (`/api/v1`): enroll with a locally generated key and CSR,
 * register identities with attributes, reenroll, TLS-profile enrollment and `cainfo`.
 * Requests are independent, so enrollments can run in parallel.
 *
 * @example
 * ```ts
 * const ca = new CaClient({ url: 'https://127.0.0.1:7054', tlsCaCertificates: caPem });
 * const admin = await ca.enroll({ enrollmentId: 'admin', secret: 'adminpw' });
 * const secret = await ca.register(admin, { enrollmentId: 'alice', attributes: [{ name: 'role', value: 'auditor', ecert: true }] });
 * const alice = await ca.enroll({ enrollmentId: 'alice', secret });
 * ca.close();
 * ```
 */
export class CaClient {
  readonly #transport: CaHttpTransport;
  readonly #caName: string | undefined;

  constructor(options: CaClientOptions) {
    this.#transport = new CaHttpTransport(options.currentUrl ?? options.url, options.tlsCaCertificates);
    this.#caName = options.caName;
  }

  /** Reads the CA's name, chain and version. */
  async getCaInfo(): Promise<CaInfo> {
    const result = await this.#transport.send({
      method: 'POST',
      endpoint: 'cainfo',
      body: this.#json({}),
    });
    return {
      caName: readString(result, 'CAName', 'cainfo'),
      caChain: fromBase64(readString(result, 'CAChain', 'cainfo')),
      version: readString(result, 'Version', 'cainfo'),
    };
  }

  /** Enrolls with an enrollment ID and secret: generates a P-256 key, sends a CSR, returns the identity. */
  async enroll(request: EnrollRequest): Promise<Enrollment> {
    const keys = generateEcKeyPair();
    const csr = await createCsr(keys, { commonName: request.enrollmentId, hosts: request.hosts });
    const body = this.#json(signRequest(csr, request.profile, request.hosts, request.attributes));
    const basic = Buffer.from(`${request.enrollmentId}:${request.secret}`).toString('base64');
    const result = await this.#transport.send({
      method: 'POST',
      endpoint: 'enroll',
      body,
      authorization: `Basic ${basic}`,
    });
    return toEnrollment(result, keys.privateKey, 'enroll');
  }

  /** Reenrolls an identity (new key, same enrollment ID), authenticated by its current certificate. */
  async reenroll(identity: Enrollment, request: ReenrollRequest = {}): Promise<Enrollment> {
    const keys = generateEcKeyPair();
    const commonName = commonNameOf(identity.certificate);
    const csr = await createCsr(keys, { commonName, hosts: request.hosts });
    const body = this.#json(signRequest(csr, request.profile, request.hosts, request.attributes));
    const result = await this.#authorized(identity, 'reenroll', body);
    return toEnrollment(result, keys.privateKey, 'reenroll');
  }

  /** Registers a new identity with a registrar's identity; returns the enrollment secret. */
  async register(registrar: Enrollment, request: RegisterRequest): Promise<string> {
    const body = this.#json({
      id: request.enrollmentId,
      type: request.type ?? 'client',
      secret: request.secret,
      max_enrollments: request.maxEnrollments,
      affiliation: request.affiliation ?? '',
      attrs: request.attributes?.map((a) => ({ name: a.name, value: a.value, ecert: a.ecert ?? false })),
    });
    const result = await this.#authorized(registrar, 'register', body);
    return readString(result, 'secret', 'register');
  }

  /** Closes the client's keep-alive connections. */
  close(): void {
    this.#transport.close();
  }

  #authorized(identity: Enrollment, endpoint: string, body: Buffer): Promise<unknown> {
    const uri = this.#transport.requestUri(endpoint);
    const token = createAuthToken(identity.certificate, identity.privateKey, 'POST', uri, body);
    return this.#transport.send({ method: 'POST', endpoint, body, authorization: token });
  }

  #json(value: Record<string, unknown>): Buffer {
    return Buffer.from(JSON.stringify(this.#caName === undefined ? value : { ...value, caname: this.#caName }));
  }
}

function signRequest(
  csr: string,
  profile: string | undefined,
  hosts: readonly string[] | undefined,
  attributes: readonly AttributeRequest[] | undefined,
): Record<string, unknown> {
  return {
    certificate_request: csr,
    hosts: hosts ?? [],
    profile: profile ?? '',
    attr_reqs: attributes?.map((a) => ({ name: a.name, optional: a.optional ?? false })),
  };
}

function toEnrollment(result: unknown, privateKey: Enrollment['privateKey'], endpoint: string): Enrollment {
  const serverInfo = readField(result, 'ServerInfo', endpoint);
  return {
    certificate: fromBase64(readString(result, 'Cert', endpoint)),
    privateKey,
    caChain: fromBase64(readString(serverInfo, 'CAChain', endpoint)),
  };
}

function commonNameOf(certificatePem: string): string {
  const match = /CN=([^,\n]+)/.exec(new X509(certificatePem).subject);
  if (!match?.[1]) {
    throw new CaError('reenroll', 0, [{ code: 0, message: 'certificate has no common name' }]);
  }
  return match[1];
}

function readField(value: unknown, key: string, endpoint: string): unknown {
  if (typeof value !== 'object' || value === null || !(key in value)) {
    throw new CaError(endpoint, 200, [{ code: 0, message: `response has no ${key}` }]);
  }
  const field: unknown = new Map(Object.entries(value)).get(key);
  return field;
}

function readString(value: unknown, key: string, endpoint: string): string {
  const field = readField(value, key, endpoint);
  if (typeof field !== 'string') {
    throw new CaError(endpoint, 200, [{ code: 0, message: `response field ${key} is not a string` }]);
  }
  return field;
}

function fromBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

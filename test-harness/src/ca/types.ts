import type { KeyObject } from 'node:crypto';

/** An X.509 identity: a certificate and its private key, as issued by a Fabric CA. */
export interface Enrollment {
  /** The enrollment certificate, PEM. */
  readonly certificate: string;
  /** The private key. */
  readonly privateKey: KeyObject;
  /** The issuing CA's chain (root first), PEM, as the CA returned it. */
  readonly caChain: string;
}

/** An attribute requested into an enrollment certificate. */
export interface AttributeRequest {
  readonly name: string;
  /** When true, enrollment still succeeds if the identity lacks the attribute. Default false. */
  readonly optional?: boolean;
}

/** An attribute given to an identity at registration. */
export interface RegistrationAttribute {
  readonly name: string;
  readonly value: string;
  /** Put the attribute in enrollment certificates by default (without an attribute request). Default false. */
  readonly ecert?: boolean;
}

/** Options of {@link CaClient.enroll}. */
export interface EnrollRequest {
  readonly enrollmentId: string;
  readonly secret: string;
  /** The signing profile; `tls` issues a TLS certificate. Default: the CA's default profile. */
  readonly profile?: 'tls' | (string & NonNullable<unknown>);
  /** Subject alternative names (host names and IP addresses) for the certificate. Default none. */
  readonly hosts?: readonly string[];
  /** Attributes to put into the certificate. Default: the identity's `ecert` attributes. */
  readonly attributes?: readonly AttributeRequest[];
}

/** Options of {@link CaClient.reenroll}. */
export interface ReenrollRequest {
  readonly profile?: string;
  readonly hosts?: readonly string[];
  readonly attributes?: readonly AttributeRequest[];
}

/** Options of {@link CaClient.register}. */
export interface RegisterRequest {
  readonly enrollmentId: string;
  /** The enrollment secret. Default: the CA generates one and returns it. */
  readonly secret?: string;
  /** `client`, `peer`, `orderer`, `admin` or `user`. Default `client`. */
  readonly type?: string;
  /** The affiliation, for example `org1.department1`. Default: the registrar's (empty string). */
  readonly affiliation?: string;
  /** How many times the secret can enroll; 0 or omitted means the CA's default. */
  readonly maxEnrollments?: number;
  readonly attributes?: readonly RegistrationAttribute[];
}

/** What `cainfo` returns. */
export interface CaInfo {
  /** The CA name; empty for the default CA. */
  readonly caName: string;
  /** The CA chain, PEM. */
  readonly caChain: string;
  /** The server version, for example `1.5.21`. */
  readonly version: string;
}

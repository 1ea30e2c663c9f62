import type { Enrollment } from '../ca/types';
import type { CertifiedKey } from '../crypto/ca-root';
import { privateKeyToPem } from '../crypto/ecdsa';
import { localMspFiles, tlsFiles } from '../crypto/msp';
import { peerCoreYaml } from '../config/core-yaml';
import { ordererEnvironment, peerEnvironment, type CouchDbConnection } from '../config/node-environment';
import type { NodePlan, NodeSpec } from './runtime';

/** The bootstrap registrar every CA starts with. */
export const CA_BOOTSTRAP = { enrollmentId: 'admin', secret: 'adminpw' } as const;

/** A fabric-ca-server with TLS on, using a root and TLS certificate made by the harness. */
export function caSpec(plan: NodePlan, root: CertifiedKey, tls: CertifiedKey): NodeSpec {
  const dir = plan.configDir;
  return {
    plan,
    args: [
      'start',
      '-b',
      `${CA_BOOTSTRAP.enrollmentId}:${CA_BOOTSTRAP.secret}`,
      '--home',
      `${dir}/home`,
      '--address',
      plan.listenHost,
      '--port',
      String(plan.port),
      '--ca.certfile',
      `${dir}/ca/cert.pem`,
      '--ca.keyfile',
      `${dir}/ca/key.pem`,
      '--tls.enabled',
      '--tls.certfile',
      `${dir}/tls/cert.pem`,
      '--tls.keyfile',
      `${dir}/tls/key.pem`,
      '--operations.listenaddress',
      `${plan.listenHost}:${plan.operationsPort}`,
    ],
    env: {},
    files: new Map([
      ['ca/cert.pem', root.certificate],
      ['ca/key.pem', privateKeyToPem(root.keys.privateKey)],
      ['tls/cert.pem', tls.certificate],
      ['tls/key.pem', privateKeyToPem(tls.keys.privateKey)],
    ]),
  };
}

/** The identities a node runs with. */
export interface NodeIdentities {
  readonly mspId: string;
  readonly signing: Enrollment;
  readonly tls: Enrollment;
}

/** An orderer (channel participation, no system channel). */
export function ordererSpec(plan: NodePlan, ids: NodeIdentities): NodeSpec {
  return {
    plan,
    args: [],
    env: ordererEnvironment({
      mspId: ids.mspId,
      mspDir: `${plan.configDir}/msp`,
      tlsDir: `${plan.configDir}/tls`,
      dataDir: plan.dataDir,
      listenHost: plan.listenHost,
      port: plan.port,
      operationsPort: plan.operationsPort,
      adminPort: plan.adminPort,
    }),
    files: nodeFiles(ids),
  };
}

/** A peer, with core.yaml from {@link peerCoreYaml}. */
export function peerSpec(
  plan: NodePlan,
  ids: NodeIdentities,
  options: {
    readonly bootstrapPeers: readonly string[];
    readonly ccaasBuilderPath?: string;
    readonly couchDb?: CouchDbConnection;
    readonly totalQueryLimit?: number;
    readonly internalQueryLimit?: number;
  },
): NodeSpec {
  const files = nodeFiles(ids);
  files.set('core.yaml', peerCoreYaml(options.ccaasBuilderPath));
  return {
    plan,
    args: ['node', 'start'],
    env: {
      FABRIC_CFG_PATH: plan.configDir,
      ...peerEnvironment({
        mspId: ids.mspId,
        mspDir: `${plan.configDir}/msp`,
        tlsDir: `${plan.configDir}/tls`,
        dataDir: plan.dataDir,
        listenHost: plan.listenHost,
        port: plan.port,
        operationsPort: plan.operationsPort,
        externalAddress: `${plan.host}:${plan.port}`,
        chaincodePort: plan.adminPort,
        peerId: plan.name,
        bootstrapPeers: options.bootstrapPeers,
        ...(options.couchDb === undefined ? {} : { couchDb: options.couchDb }),
        ...(options.totalQueryLimit === undefined ? {} : { totalQueryLimit: options.totalQueryLimit }),
        ...(options.internalQueryLimit === undefined ? {} : { internalQueryLimit: options.internalQueryLimit }),
      }),
    },
    files,
  };
}

/**
 * A peer's CouchDB: the image's own entrypoint makes `credentials` its admin (COUCHDB_USER / COUCHDB_PASSWORD, as
 * the official image and Fabric's test-network compose files do), so the database is never open to anyone.
 */
export function couchDbSpec(plan: NodePlan, credentials: { username: string; password: string }): NodeSpec {
  return {
    plan,
    args: [],
    env: { COUCHDB_USER: credentials.username, COUCHDB_PASSWORD: credentials.password },
    files: new Map(),
  };
}

function nodeFiles(ids: NodeIdentities): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, content] of localMspFiles(ids.signing, rootPem(ids.tls))) {
    files.set(`msp/${path}`, content);
  }
  for (const [path, content] of tlsFiles(ids.tls)) {
    files.set(`tls/${path}`, content);
  }
  return files;
}

function rootPem(enrollment: Enrollment): string {
  return tlsFiles(enrollment).get('ca.crt') ?? '';
}

/**
 * An organization's admin as Fabric's own `peer` CLI expects it: a local MSP directory (signcerts, keystore,
 * cacerts, NodeOUs config.yaml, the harness's layout), the peer's TLS CA certificate, and the orderers' TLS CA
 * certificates (read from the channel configuration, for `peer chaincode invoke --tls --cafile`), written under the
 * state directory (0700, the key 0600) so `env ORG` can point CORE_PEER_MSPCONFIGPATH at it and `peer ORG` can
 * mount it.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  createPeerClient,
  getChannelConfig,
  MSP_CA_CERT_FILE,
  nodeOusConfig,
  ordererTlsRootCertificates,
} from '@fabric-testkit/test-harness';
import { asFabricRefusal } from './fabric-error-text';
import { adminOf, firstPeerOf } from './fabric-identity';
import type { NetworkDescription, OrganizationDescription } from './network-state';

/** Where the files went. */
export interface AdminMsp {
  /** The directory holding `msp/` and `tls/`. */
  readonly directory: string;
  readonly mspDirectory: string;
  readonly tlsRootCertFile: string;
  /** The ordering organizations' TLS root certificates. */
  readonly ordererTlsCaFile: string;
}

/** The relative path of the orderers' TLS CA file in the directory. */
export const ORDERER_TLS_CA = 'orderer/tls-ca.crt';

/** Writes (again, so it matches the state file) the admin MSP of `org` below `stateHome/msp/<network>/<org>`. */
export async function writeAdminMsp(
  stateHome: string,
  description: NetworkDescription,
  org: OrganizationDescription,
): Promise<AdminMsp> {
  const directory = path.join(stateHome, 'msp', description.id, org.name);
  // The organization's CA signed both the admin's certificate and the peers' TLS certificates (the harness's setup).
  const caCertificate = firstPeerOf(org).tlsCaCertificate;
  const files = new Map([
    [`msp/cacerts/${MSP_CA_CERT_FILE}`, caCertificate],
    [`msp/tlscacerts/${MSP_CA_CERT_FILE}`, caCertificate],
    ['msp/signcerts/cert.pem', org.admin.certificate],
    ['msp/keystore/key.pem', org.admin.privateKey],
    ['msp/config.yaml', nodeOusConfig()],
    ['tls/ca.crt', caCertificate],
    [ORDERER_TLS_CA, await ordererTlsCaOf(description, org)],
  ]);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await chmod(directory, 0o700);
  for (const [file, content] of files) {
    const target = path.join(directory, file);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, content, { mode: 0o600 });
  }
  return {
    directory,
    mspDirectory: path.join(directory, 'msp'),
    tlsRootCertFile: path.join(directory, 'tls', 'ca.crt'),
    ordererTlsCaFile: path.join(directory, ORDERER_TLS_CA),
  };
}

/** The orderers' TLS root certificates from the channel configuration, as the organization's peer holds it. */
async function ordererTlsCaOf(description: NetworkDescription, org: OrganizationDescription): Promise<string> {
  const peer = firstPeerOf(org);
  const client = createPeerClient(peer);
  try {
    const config = await asFabricRefusal(`reading the configuration of channel ${description.channel}`, () =>
      getChannelConfig(client, adminOf(org), description.channel, peer.name),
    );
    return ordererTlsRootCertificates(config).join('');
  } finally {
    client.close();
  }
}

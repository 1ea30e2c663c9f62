import { common, msp } from '@hyperledger/fabric-protos';

/**
 * The TLS root certificates (PEM) of a channel's ordering organizations, read from its configuration: each
 * `Orderer/<org>` group's `MSP` value, a `FabricMSPConfig` whose `tls_root_certs` a client trusts for the orderers'
 * TLS (what `peer chaincode invoke --cafile` is given). Empty when the configuration has no orderer group.
 */
export function ordererTlsRootCertificates(config: common.Config): string[] {
  const certificates: string[] = [];
  // jspb's Map#toArray gives message values in their array form; forEach gives the messages.
  config
    .getChannelGroup()
    ?.getGroupsMap()
    .get('Orderer')
    ?.getGroupsMap()
    .forEach((org: common.ConfigGroup) => {
      const value = org.getValuesMap().get('MSP')?.getValue_asU8();
      if (value === undefined || value.length === 0) return;
      const fabric = msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(value).getConfig_asU8());
      for (const pem of fabric.getTlsRootCertsList_asU8()) certificates.push(Buffer.from(pem).toString('utf8'));
    });
  return certificates;
}

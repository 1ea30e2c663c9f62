import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { buildChannelConfig } from '../../src/config/channel-config';
import { buildGenesisBlock } from '../../src/config/genesis-block';
import { ordererTlsRootCertificates } from '../../src/config/orderer-tls';
import { createRootCa, issueTlsServerCertificate } from '../../src/crypto/ca-root';

describe('channel configuration and genesis block', () => {
  let config: common.Config;
  let ordererTls: string;
  let org1Ca: string;
  let ordererRootCertificate: string;

  before(async () => {
    const ordererRoot = await createRootCa('ca.orderer', 'OrdererMSP');
    const org1Root = await createRootCa('ca.org1', 'Org1MSP');
    org1Ca = org1Root.certificate;
    ordererRootCertificate = ordererRoot.certificate;
    ordererTls = (await issueTlsServerCertificate(ordererRoot, ['orderer0', '127.0.0.1'])).certificate;
    config = buildChannelConfig({
      ordererOrganization: {
        mspId: 'OrdererMSP',
        caCertificate: ordererRoot.certificate,
        tlsCaCertificate: ordererRoot.certificate,
        orderers: [{ host: 'orderer0', port: 7050, tlsCertificate: ordererTls }],
      },
      members: [
        {
          mspId: 'Org1MSP',
          caCertificate: org1Root.certificate,
          tlsCaCertificate: org1Root.certificate,
          anchorPeers: [{ host: 'peer0', port: 7051 }],
        },
      ],
    });
  });

  it("reads the ordering organization's TLS root certificate back out of the configuration", () => {
    const [root, ...others] = ordererTlsRootCertificates(config);
    expect(others).to.deep.equal([]);
    expect(root?.trim()).to.equal(ordererRootCertificate.trim());
    expect(ordererTlsRootCertificates(new common.Config())).to.deep.equal([]);
  });

  function group(path: readonly string[]): common.ConfigGroup {
    let current = config.getChannelGroup();
    for (const key of path) {
      current = current?.getGroupsMap().get(key);
    }
    if (!current) {
      throw new Error(`no group ${path.join('/')}`);
    }
    return current;
  }

  function value(path: readonly string[], key: string): Uint8Array {
    const found = group(path).getValuesMap().get(key);
    if (!found) {
      throw new Error(`no value ${key}`);
    }
    return found.getValue_asU8();
  }

  it('has the channel, orderer and application groups with Admins as mod policy', () => {
    expect(
      group([])
        .getGroupsMap()
        .getEntryList()
        .map(([k]) => k),
    ).to.deep.equal(['Application', 'Orderer']);
    expect(group(['Orderer']).getModPolicy()).to.equal('Admins');
    expect(group(['Application', 'Org1MSP']).getModPolicy()).to.equal('Admins');
    expect(common.HashingAlgorithm.deserializeBinary(value([], 'HashingAlgorithm')).getName()).to.equal('SHA256');
  });

  it('configures etcdraft with the consenter and a 20ms batch timeout', () => {
    const consensus = orderer.ConsensusType.deserializeBinary(value(['Orderer'], 'ConsensusType'));
    expect(consensus.getType()).to.equal('etcdraft');
    const metadata = orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8());
    const [consenter] = metadata.getConsentersList();
    expect(consenter?.getHost()).to.equal('orderer0');
    expect(consenter?.getPort()).to.equal(7050);
    expect(Buffer.from(consenter?.getServerTlsCert_asU8() ?? []).toString()).to.include('BEGIN CERTIFICATE');
    expect(orderer.BatchTimeout.deserializeBinary(value(['Orderer'], 'BatchTimeout')).getTimeout()).to.equal('20ms');
    const endpoints = common.OrdererAddresses.deserializeBinary(value(['Orderer', 'OrdererMSP'], 'Endpoints'));
    expect(endpoints.getAddressesList()).to.deep.equal(['orderer0:7050']);
  });

  it('sets V2_0 channel and orderer capabilities and, by default, the V2_5 application capability', () => {
    const names = (path: readonly string[]): string[] =>
      common.Capabilities.deserializeBinary(value(path, 'Capabilities'))
        .getCapabilitiesMap()
        .getEntryList()
        .map(([name]) => name);
    expect(names([])).to.deep.equal(['V2_0']);
    expect(names(['Orderer'])).to.deep.equal(['V2_0']);
    expect(names(['Application'])).to.deep.equal(['V2_5']);
    const older = buildChannelConfig({
      ordererOrganization: { mspId: 'OrdererMSP', caCertificate: org1Ca, tlsCaCertificate: org1Ca, orderers: [] },
      members: [],
      applicationCapability: 'V2_0',
    });
    const application = older.getChannelGroup()?.getGroupsMap().get('Application');
    const capabilities = application?.getValuesMap().get('Capabilities')?.getValue_asU8() ?? new Uint8Array();
    expect(common.Capabilities.deserializeBinary(capabilities).getCapabilitiesMap().has('V2_0')).to.equal(true);
  });

  it('gives each member an MSP with NodeOUs, role policies and anchor peers', () => {
    const mspConfig = msp.MSPConfig.deserializeBinary(value(['Application', 'Org1MSP'], 'MSP'));
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    expect(fabric.getName()).to.equal('Org1MSP');
    expect(Buffer.from(fabric.getRootCertsList_asU8()[0] ?? []).toString()).to.equal(org1Ca);
    expect(fabric.getFabricNodeOus()?.getEnable()).to.equal(true);
    expect(fabric.getFabricNodeOus()?.getPeerOuIdentifier()?.getOrganizationalUnitIdentifier()).to.equal('peer');
    const anchors = peer.AnchorPeers.deserializeBinary(value(['Application', 'Org1MSP'], 'AnchorPeers'));
    expect(anchors.getAnchorPeersList().map((a) => `${a.getHost()}:${a.getPort()}`)).to.deep.equal(['peer0:7051']);

    const endorsement = group(['Application', 'Org1MSP']).getPoliciesMap().get('Endorsement')?.getPolicy();
    expect(endorsement?.getType()).to.equal(common.Policy.PolicyType.SIGNATURE);
    const envelope = common.SignaturePolicyEnvelope.deserializeBinary(endorsement?.getValue_asU8() ?? new Uint8Array());
    const role = msp.MSPRole.deserializeBinary(
      envelope.getIdentitiesList()[0]?.getPrincipal_asU8() ?? new Uint8Array(),
    );
    expect([role.getMspIdentifier(), role.getRole()]).to.deep.equal(['Org1MSP', msp.MSPRole.MSPRoleType.PEER]);

    const lifecycle = group(['Application']).getPoliciesMap().get('LifecycleEndorsement')?.getPolicy();
    const meta = common.ImplicitMetaPolicy.deserializeBinary(lifecycle?.getValue_asU8() ?? new Uint8Array());
    expect([meta.getRule(), meta.getSubPolicy()]).to.deep.equal([
      common.ImplicitMetaPolicy.Rule.MAJORITY,
      'Endorsement',
    ]);
  });

  it('wraps the config into block 0 with a data hash over the envelope and LAST_CONFIG metadata', () => {
    const block = buildGenesisBlock('mychannel', config);
    const [envelopeBytes] = block.getData()?.getDataList_asU8() ?? [];
    expect(envelopeBytes).to.not.equal(undefined);
    expect(block.getHeader()?.getNumber()).to.equal(0);
    expect(Buffer.from(block.getHeader()?.getDataHash_asU8() ?? []).toString('hex')).to.equal(
      createHash('sha256')
        .update(envelopeBytes ?? new Uint8Array())
        .digest('hex'),
    );
    const payload = common.Payload.deserializeBinary(
      common.Envelope.deserializeBinary(envelopeBytes ?? new Uint8Array()).getPayload_asU8(),
    );
    const channelHeader = common.ChannelHeader.deserializeBinary(
      payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
    );
    expect(channelHeader.getType()).to.equal(common.HeaderType.CONFIG);
    expect(channelHeader.getChannelId()).to.equal('mychannel');
    const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
    expect(configEnvelope.getConfig()?.getSequence()).to.equal(0);
    const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
    expect(metadata).to.have.length(5);
    const lastConfig = common.LastConfig.deserializeBinary(
      common.Metadata.deserializeBinary(
        metadata[common.BlockMetadataIndex.LAST_CONFIG] ?? new Uint8Array(),
      ).getValue_asU8(),
    );
    expect(lastConfig.getIndex()).to.equal(0);
  });
});

describe('channel configuration with BFT ordering (Fabric 3, configtxgen encoder.go NewOrdererGroup)', () => {
  async function bftConfig(channelCapability: 'V2_0' | 'V3_0' = 'V3_0'): Promise<common.Config> {
    const ordererRoot = await createRootCa('ca.orderer', 'OrdererMSP');
    const org1Root = await createRootCa('ca.org1', 'Org1MSP');
    const orderers = await Promise.all(
      [0, 1, 2, 3].map(async (i) => ({
        host: `orderer${i}`,
        port: 7050,
        tlsCertificate: (await issueTlsServerCertificate(ordererRoot, [`orderer${i}`])).certificate,
        identity: (await issueTlsServerCertificate(ordererRoot, [`orderer${i}-signing`])).certificate,
      })),
    );
    return buildChannelConfig({
      ordererOrganization: {
        mspId: 'OrdererMSP',
        caCertificate: ordererRoot.certificate,
        tlsCaCertificate: ordererRoot.certificate,
        orderers,
      },
      members: [{ mspId: 'Org1MSP', caCertificate: org1Root.certificate, tlsCaCertificate: org1Root.certificate }],
      consensus: 'BFT',
      channelCapability,
    });
  }

  function valueOf(target: common.ConfigGroup | undefined, key: string): Uint8Array {
    const found = target?.getValuesMap().get(key);
    if (found === undefined) throw new Error(`no value ${key}`);
    return found.getValue_asU8();
  }

  it('has V3_0 channel capability, the consenter mapping with identities, and SmartBFT options', async () => {
    const channel = (await bftConfig()).getChannelGroup();
    const ordererGroup = channel?.getGroupsMap().get('Orderer');
    const capabilities = common.Capabilities.deserializeBinary(valueOf(channel, 'Capabilities'));
    expect(
      capabilities
        .getCapabilitiesMap()
        .getEntryList()
        .map(([name]) => name),
    ).to.deep.equal(['V3_0']);

    const mapping = common.Orderers.deserializeBinary(valueOf(ordererGroup, 'Orderers')).getConsenterMappingList();
    expect(mapping.map((c) => [c.getId(), c.getHost(), c.getMspId()])).to.deep.equal([
      [1, 'orderer0', 'OrdererMSP'],
      [2, 'orderer1', 'OrdererMSP'],
      [3, 'orderer2', 'OrdererMSP'],
      [4, 'orderer3', 'OrdererMSP'],
    ]);
    expect(Buffer.from(mapping[0]?.getIdentity_asU8() ?? []).toString()).to.match(/^-----BEGIN CERTIFICATE-----/);

    const consensus = orderer.ConsensusType.deserializeBinary(valueOf(ordererGroup, 'ConsensusType'));
    expect(consensus.getType()).to.equal('BFT');
    const options = orderer.smartbft.Options.deserializeBinary(consensus.getMetadata_asU8());
    const chosen = [
      options.getRequestBatchMaxCount(),
      options.getLeaderHeartbeatTimeout(),
      options.getCollectTimeout(),
    ];
    expect(chosen).to.deep.equal([100, '1m0s', '1s']);
  });

  it('replaces BlockValidation with a quorum of the consenter identities (common/policies/bft.go)', async () => {
    const ordererGroup = (await bftConfig()).getChannelGroup()?.getGroupsMap().get('Orderer');
    const mapping = common.Orderers.deserializeBinary(valueOf(ordererGroup, 'Orderers')).getConsenterMappingList();
    // n = 4, f = 1: quorum ceil((4 + 1 + 1) / 2) = 3 signatures.
    const policy = ordererGroup?.getPoliciesMap().get('BlockValidation')?.getPolicy();
    expect(policy?.getType()).to.equal(common.Policy.PolicyType.SIGNATURE);
    const envelope = common.SignaturePolicyEnvelope.deserializeBinary(policy?.getValue_asU8() ?? new Uint8Array());
    expect(envelope.getRule()?.getNOutOf()?.getN()).to.equal(3);
    const principals = envelope.getIdentitiesList();
    expect(principals.map((p) => p.getPrincipalClassification())).to.deep.equal(
      Array(4).fill(msp.MSPPrincipal.Classification.IDENTITY),
    );
    const first = msp.SerializedIdentity.deserializeBinary(principals[0]?.getPrincipal_asU8() ?? new Uint8Array());
    expect(first.getMspid()).to.equal('OrdererMSP');
    expect(Buffer.from(first.getIdBytes_asU8())).to.deep.equal(Buffer.from(mapping[0]?.getIdentity_asU8() ?? []));
  });

  it("refuses BFT without the V3_0 channel capability, with configtxgen's message", async () => {
    const attempt = await bftConfig('V2_0').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(attempt).to.have.property(
      'message',
      'orderer type BFT must be used with V3_0 channel capability: map[V2_0:true]',
    );
  });
});

import { expect } from 'chai';
import { createVerify } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { buildChannelConfig } from '../../src/config/channel-config';
import {
  channelCapabilities,
  channelCapabilityUpdate,
  configUpdateTransaction,
  signConfigUpdate,
} from '../../src/config/config-update';
import { createRootCa } from '../../src/crypto/ca-root';
import type { SigningIdentity } from '../../src/lifecycle/signing-identity';

describe('channel configuration updates (configtxlator compute_update, peer channel signconfigtx)', () => {
  let config: common.Config;
  let ordererAdmin: SigningIdentity;
  let orgAdmin: SigningIdentity;

  before(async () => {
    const ordererRoot = await createRootCa('ca.orderer', 'OrdererMSP');
    const orgRoot = await createRootCa('ca.org1', 'Org1MSP');
    ordererAdmin = {
      mspId: 'OrdererMSP',
      certificate: ordererRoot.certificate,
      privateKey: ordererRoot.keys.privateKey,
    };
    orgAdmin = { mspId: 'Org1MSP', certificate: orgRoot.certificate, privateKey: orgRoot.keys.privateKey };
    config = buildChannelConfig({
      ordererOrganization: {
        mspId: 'OrdererMSP',
        caCertificate: ordererRoot.certificate,
        tlsCaCertificate: ordererRoot.certificate,
        orderers: [{ host: 'orderer0', port: 7050, tlsCertificate: ordererRoot.certificate }],
      },
      members: [{ mspId: 'Org1MSP', caCertificate: orgRoot.certificate, tlsCaCertificate: orgRoot.certificate }],
    });
  });

  it('a capability change reads the channel group at its version and writes the value at version + 1', () => {
    expect(channelCapabilities(config)).to.deep.equal(['V2_0']);
    const update = channelCapabilityUpdate('mychannel', config, 'V3_0');
    expect(update.getChannelId()).to.equal('mychannel');
    const read = update.getReadSet();
    expect([read?.getVersion(), read?.getValuesMap().getLength(), read?.getGroupsMap().getLength()]).to.deep.equal([
      0, 0, 0,
    ]);
    const write = update.getWriteSet();
    expect([write?.getVersion(), write?.getModPolicy(), write?.getGroupsMap().getLength()]).to.deep.equal([
      0,
      'Admins',
      0,
    ]);
    const value = write?.getValuesMap().get('Capabilities');
    expect([value?.getVersion(), value?.getModPolicy()]).to.deep.equal([1, 'Admins']);
    const written = common.Capabilities.deserializeBinary(value?.getValue_asU8() ?? new Uint8Array());
    expect(
      written
        .getCapabilitiesMap()
        .getEntryList()
        .map(([name]) => name),
    ).to.deep.equal(['V3_0']);
  });

  it('bad input: refuses an update to the capability the channel already has', () => {
    expect(() => channelCapabilityUpdate('mychannel', config, 'V2_0')).to.throw(
      'channel mychannel already has the V2_0 channel capability: nothing to update',
    );
  });

  it('each signer signs its signature header followed by the update; the envelope is a CONFIG_UPDATE', () => {
    const update = channelCapabilityUpdate('mychannel', config, 'V3_0');
    const signed = signConfigUpdate(update, [ordererAdmin, orgAdmin]);
    const signatures = signed.getSignaturesList();
    expect(signatures).to.have.length(2);
    signatures.forEach((signature, i) => {
      const header = common.SignatureHeader.deserializeBinary(signature.getSignatureHeader_asU8());
      const creator = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
      const signer = [ordererAdmin, orgAdmin][i];
      expect(creator.getMspid()).to.equal(signer?.mspId);
      const verify = createVerify('SHA256');
      verify.update(Buffer.concat([signature.getSignatureHeader_asU8(), signed.getConfigUpdate_asU8()]));
      expect(verify.verify(signer?.certificate ?? '', Buffer.from(signature.getSignature_asU8()))).to.equal(true);
    });

    const envelope = configUpdateTransaction('mychannel', signed, ordererAdmin);
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(
      payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
    );
    expect([channelHeader.getType(), channelHeader.getChannelId()]).to.deep.equal([
      common.HeaderType.CONFIG_UPDATE,
      'mychannel',
    ]);
    expect(common.ConfigUpdateEnvelope.deserializeBinary(payload.getData_asU8()).getSignaturesList()).to.have.length(2);
  });
});

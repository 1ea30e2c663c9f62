import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { msp } from '@hyperledger/fabric-protos';
import { ClientIdentity } from 'fabric-shim';
import { createMockFabric } from '../../src';
import { FABRIC_ATTRIBUTE_OID } from '../../src/identity/certificate';
import { deployAnyOrg } from '../fixtures/network';
import { ScriptChaincode } from '../fixtures/script-chaincode';

describe('identities: real X.509 certificates per MSP (fabric-ca attrmgr, NodeOUs)', () => {
  it('issues P-256 certificates signed by the organization’s CA, role in the OU', () => {
    const fabric = createMockFabric();
    const org = fabric.addOrganization('Org1MSP');
    const user = org.createIdentity({ name: 'alice', role: 'client' });
    const ca = new X509Certificate(org.caCertificatePem);
    const cert = new X509Certificate(user.certificatePem);
    expect(cert.verify(ca.publicKey)).to.equal(true);
    expect(ca.verify(ca.publicKey)).to.equal(true);
    expect(cert.checkIssued(ca)).to.equal(true);
    expect(cert.subject).to.include('OU=client').and.include('CN=alice');
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
    expect(ca.ca).to.equal(true);
    expect(cert.ca).to.equal(false);
    expect(user.privateKeyPem).to.match(/^-----BEGIN PRIVATE KEY-----/);
    expect(org.admin.role).to.equal('admin');
    expect(org.getIdentity('alice')).to.equal(user);
  });

  it('serializes as msp.SerializedIdentity with the PEM as id_bytes', () => {
    const fabric = createMockFabric();
    const user = fabric.addOrganization('Org1MSP').createIdentity({ name: 'bob' });
    const decoded = msp.SerializedIdentity.deserializeBinary(user.serialize());
    expect(decoded.getMspid()).to.equal('Org1MSP');
    expect(Buffer.from(decoded.getIdBytes_asU8()).toString()).to.equal(user.certificatePem);
  });

  it('carries Fabric CA attributes in extension 1.2.3.4.5.6.7.8.1 as raw JSON', () => {
    const fabric = createMockFabric();
    const user = fabric.addOrganization('Org1MSP').createIdentity({ name: 'carol', attributes: { dept: 'audit' } });
    const der = new X509Certificate(user.certificatePem).raw;
    const json = '{"attrs":{"hf.Affiliation":"","hf.EnrollmentID":"carol","hf.Type":"client","dept":"audit"}}';
    expect(der.includes(Buffer.from(json))).to.equal(true);
    expect(FABRIC_ATTRIBUTE_OID).to.equal('1.2.3.4.5.6.7.8.1');
  });

  it('works with fabric-shim’s ClientIdentity unmodified', async () => {
    const fabric = createMockFabric({ determinismCheck: false });
    const org = fabric.addOrganization('Org1MSP');
    const channel = fabric.createChannel('ch');
    const user = org.createIdentity({ name: 'dave', role: 'admin', attributes: { level: '3' } });
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        who: (stub) => {
          const cid = new ClientIdentity(stub);
          return JSON.stringify({
            id: cid.getID(),
            msp: cid.getMSPID(),
            level: cid.getAttributeValue('level'),
            missing: cid.getAttributeValue('nope'),
            asserted: [cid.assertAttributeValue('level', '3'), cid.assertAttributeValue('level', '4')],
            idBytes: Buffer.from(cid.getIDBytes()).toString() === user.certificatePem,
          });
        },
      }),
    );
    const response = await channel.evaluate({ chaincode: 'cc', fcn: 'who', identity: user });
    expect(JSON.parse(response.payload.toString())).to.deep.equal({
      id: 'x509::/C=US/ST=North Carolina/O=Hyperledger/OU=admin/CN=dave::/C=US/ST=North Carolina/L=Durham/O=org1.example.com/CN=ca.org1.example.com',
      msp: 'Org1MSP',
      level: '3',
      missing: null,
      asserted: [true, false],
      idBytes: true,
    });
  });

  it('refuses duplicate or malformed identities and organizations', () => {
    const fabric = createMockFabric();
    const org = fabric.addOrganization('Org1MSP');
    org.createIdentity({ name: 'x' });
    expect(() => org.createIdentity({ name: 'x' })).to.throw('identity [x] already exists in organization [Org1MSP]');
    expect(() => org.createIdentity({ name: '' })).to.throw('identity name must be a non-empty string');
    expect(() => org.createIdentity({ name: 'y', role: 'king' as never })).to.throw('unknown identity role [king]');
    expect(() => org.getIdentity('nobody')).to.throw('identity [nobody] not found in organization [Org1MSP]');
    expect(() => fabric.addOrganization('Org1MSP')).to.throw('organization [Org1MSP] already exists');
    expect(() => fabric.addOrganization('')).to.throw('MSP id must be a non-empty string');
    expect(() => fabric.getOrganization('Nope')).to.throw('organization [Nope] not found');
  });
});

import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { startChaincodeServerPerOrganization } from '../../src/network/chaincode-server';
import { isPortInUse } from '../../src/network/free-port';
import { GO_LISTENER, goPackage } from '../support/go-listener';

function environmentOf(pid: number | undefined): string[] {
  return readFileSync(`/proc/${pid ?? 0}/environ`, 'utf8').split('\0');
}

describe('chaincode servers per organization (what an in-memory peer per organization dials)', function () {
  this.timeout(180_000);

  it('serves one copy per MSP ID, each with that MSP ID as CORE_PEER_LOCALMSPID (getMspID, S-06)', async () => {
    const dir = goPackage(GO_LISTENER);
    try {
      const { servers, addresses } = await startChaincodeServerPerOrganization({ go: dir }, 'cc_1.0:orgs', [
        'Org1MSP',
        'Org2MSP',
      ]);
      try {
        expect(Object.keys(addresses)).to.deep.equal(['Org1MSP', 'Org2MSP']);
        expect(addresses.Org1MSP).to.not.equal(addresses.Org2MSP);
        expect(servers.map((s) => s.address)).to.deep.equal([addresses.Org1MSP, addresses.Org2MSP]);
        expect(environmentOf(servers[0]?.pid)).to.include('CORE_PEER_LOCALMSPID=Org1MSP');
        expect(environmentOf(servers[1]?.pid)).to.include('CORE_PEER_LOCALMSPID=Org2MSP');
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
      for (const address of Object.values(addresses)) {
        expect(await isPortInUse(Number(address.split(':')[1]), '127.0.0.1')).to.equal(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

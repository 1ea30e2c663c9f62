import { expect } from 'chai';
import { getContainerRuntimeClient } from 'testcontainers';
import { listNetworkResources, removeNetworkResources } from '../../src/containers/cleanup';
import { NETWORK_LABEL, NODE_LABEL } from '../../src/containers/labels';
import { groupByNetwork, listNetworks, publishedPorts } from '../../src/containers/network-listing';
import { newNetworkId } from '../../src/network/fabric-network';
import { skipWithoutImages, testImages } from '../support/container-runtime';

describe('listNetworks: harness networks as Docker holds them', () => {
  it('lists each published port once, as an address on this machine, by container port', () => {
    expect(
      publishedPorts([
        { IP: '127.0.0.1', PrivatePort: 9443, PublicPort: 32001 },
        { IP: '0.0.0.0', PrivatePort: 7051, PublicPort: 32002 },
        { IP: '::', PrivatePort: 7051, PublicPort: 32002 },
        { PrivatePort: 7052 },
      ]),
    ).to.deep.equal([
      { containerPort: 7051, hostAddress: '127.0.0.1:32002' },
      { containerPort: 9443, hostAddress: '127.0.0.1:32001' },
    ]);
  });

  it('skips IPv6-only bindings', () => {
    expect(publishedPorts([{ IP: '::1', PrivatePort: 7051, PublicPort: 32002 }])).to.deep.equal([]);
  });

  it('groups containers and docker networks by network ID, in first-seen order', () => {
    const container = (id: string) => ({ id, node: 'n', name: id, state: 'running', ports: [] });
    const grouped = groupByNetwork(
      [
        { networkId: 'b', container: container('b1') },
        { networkId: 'a', container: container('a1') },
        { networkId: 'b', container: container('b2') },
      ],
      [{ networkId: 'c', dockerNetwork: { id: 'c-net-id', name: 'c-net' } }],
    );
    expect(
      grouped.map((n) => [n.id, n.containers.map((c) => c.id), n.dockerNetworks.map((d) => d.name)]),
    ).to.deep.equal([
      ['b', ['b1', 'b2'], []],
      ['a', ['a1'], []],
      ['c', [], ['c-net']],
    ]);
  });

  describe('against Docker', function () {
    this.timeout(60_000);
    const networkId = newNetworkId();

    before(async function () {
      await skipWithoutImages(this);
    });

    after(() => removeNetworkResources(networkId));

    it('finds a labelled container (node, state) and docker network; none once they are removed', async () => {
      const docker = (await getContainerRuntimeClient()).container.dockerode;
      const labels = { [NETWORK_LABEL]: networkId };
      const dockerNetwork = await docker.createNetwork({ Name: `${networkId}-net`, Labels: labels });
      const container = await docker.createContainer({
        Image: testImages().ca,
        name: `${networkId}-ca`,
        Labels: { ...labels, [NODE_LABEL]: 'ca.org1' },
      });

      const listed = await listNetworks(networkId);
      expect(listed).to.deep.equal([
        {
          id: networkId,
          containers: [{ id: container.id, node: 'ca.org1', name: `${networkId}-ca`, state: 'created', ports: [] }],
          dockerNetworks: [{ id: dockerNetwork.id, name: `${networkId}-net` }],
        },
      ]);
      expect((await listNetworks()).map((n) => n.id)).to.include(networkId);
      expect(await listNetworkResources(networkId)).to.deep.equal({
        containers: [container.id],
        networks: [dockerNetwork.id],
      });

      await removeNetworkResources(networkId);
      expect(await listNetworks(networkId)).to.deep.equal([]);
    });
  });
});

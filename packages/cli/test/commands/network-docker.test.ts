import { expect } from 'chai';
import { networkIdsOf, publishedPorts } from '../../src/commands/network-docker';

describe('fabric-testkit networks in Docker', () => {
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

  it('collects network IDs from containers and docker networks, each once', () => {
    const container = (networkId: string) => ({ networkId, node: 'n', name: 'n', state: 'running', ports: [] });
    expect(
      networkIdsOf({
        containers: [container('b'), container('a'), container('b')],
        networks: [{ networkId: 'c', name: 'c-net' }],
      }),
    ).to.deep.equal(['b', 'a', 'c']);
  });
});

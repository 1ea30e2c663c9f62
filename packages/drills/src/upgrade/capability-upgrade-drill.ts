import { channelCapabilities, getChannelConfig, createPeerClient } from '@fabric-testkit/test-harness';
import { submitWithEvidence, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { deployVersion, organizationsOf } from './deploy-steps';
import { runDrill } from './upgrade-drill';

/**
 * The capability upgrade drill (Fabric 3): a channel created as a 2.5 network creates it (channel capability
 * V2_0), with a chaincode in use, is raised to V3_0 by a channel configuration update signed by the orderer and
 * member admins; every peer applies it, and the chaincode still endorses and commits. Fabric's docs ask for this
 * order: all nodes on v3 binaries first, then the channel capability.
 */
export function runCapabilityUpgradeDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('capability-upgrade', target, async (state) => {
    const { network, channel } = target;
    await deployVersion(state, 'v1');
    const [first = 'org1'] = organizationsOf(target).names;
    const submit = (id: string) =>
      submitWithEvidence(() =>
        state.clients.contract(first).submitAsync('CreateAsset', { arguments: [id, 'blue', '2', 'capability'] }),
      );

    await state.recorder.step('the channel starts at V2_0; a transaction commits', async () => {
      const org = network.organization(first);
      const peer = org.peers[0];
      if (peer === undefined) throw new Error(`${first} has no peer`);
      const client = createPeerClient(peer.endpoint);
      const before = await getChannelConfig(client, org.admin, channel, peer.name).finally(() => client.close());
      const capabilities = channelCapabilities(before);
      if (capabilities.join() !== 'V2_0') {
        throw new DrillStepError('the channel does not start at V2_0', { capabilities });
      }
      const tx = await submit('before-upgrade');
      return { value: undefined, evidence: { capabilities, ...tx } };
    });
    await state.recorder.step('update the channel capability to V3_0; every peer applies it', async () => {
      const change = await network.setChannelCapability(channel, 'V3_0');
      return { value: undefined, evidence: { ...change } };
    });
    await state.recorder.step('the chaincode still endorses and commits on the V3_0 channel', async () => {
      const tx = await submit('after-upgrade');
      const read = await state.clients.contract(first).evaluateTransaction('ReadAsset', 'before-upgrade');
      return { value: undefined, evidence: { ...tx, readBeforeUpgrade: Buffer.from(read).toString('utf8') } };
    });
  });
}

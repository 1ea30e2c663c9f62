import { expect } from 'chai';
import * as harness from '../src/index';
import type {
  CaClientOptions,
  ChaincodeClassModule,
  ChaincodeProgram,
  GoChaincode,
  ChaincodeOptions,
  ChannelOptions,
  ContractPackageModule,
  FabricNetworkOptions,
  FabricNode,
  FabricOrganization,
  FabricPeer,
  GatewayConnection,
  OrganizationOptions,
  StartedFabricNetwork,
  UserOptions,
} from '../src/index';

// Compile-time checks: the public types fit together as the README shows.
type Assert<T extends true> = T;
export type PublicTypes = [
  Assert<StartedFabricNetwork extends AsyncDisposable ? true : false>,
  Assert<GatewayConnection extends AsyncDisposable ? true : false>,
  Assert<FabricPeer extends FabricNode ? true : false>,
  Assert<ReturnType<FabricOrganization['registerUser']> extends Promise<unknown> ? true : false>,
  Assert<UserOptions['name'] extends string ? true : false>,
  Assert<
    ChaincodeOptions['chaincode'] extends ChaincodeClassModule | ContractPackageModule | ChaincodeProgram | GoChaincode
      ? true
      : false
  >,
  Assert<ChaincodeProgram['server']['command'] extends string ? true : false>,
  Assert<ContractPackageModule['contractPackage'] extends string ? true : false>,
  Assert<ChannelOptions['members'] extends readonly string[] | undefined ? true : false>,
  Assert<OrganizationOptions['peers'] extends number | undefined ? true : false>,
  Assert<FabricNetworkOptions['orderers'] extends 1 | 3 | 4 | undefined ? true : false>,
  Assert<FabricNetworkOptions['consensus'] extends 'raft' | 'bft' | undefined ? true : false>,
  Assert<CaClientOptions['url'] extends string ? true : false>,
];

describe('public entry point', () => {
  it('exports the network builder, runtimes, CA client, lifecycle helpers and errors by name', () => {
    const expected = [
      'FabricNetwork',
      'ContainerRuntime',
      'LocalProcessRuntime',
      'CaClient',
      'OsnAdminClient',
      'ccaasPackage',
      'nodePackage',
      'buildChannelConfig',
      'buildGenesisBlock',
      'buildSignedProposal',
      'installChaincode',
      'joinChannel',
      'approveChaincodeDefinition',
      'commitChaincodeDefinition',
      'checkCommitReadiness',
      'startDetachedChaincodeServer',
      'stopDetachedChaincodeServer',
      'isChaincodeServerRunning',
      'connectGateway',
      'waitForDiscovery',
      'nodeOusConfig',
      'queryCommitted',
      'removeNetworkResources',
      'listNetworkResources',
      'isFabricTestkitError',
      'isConsensusLeader',
      'ChaincodeProgramError',
      'GoBuildError',
      'parseSignaturePolicy',
      'collectionConfigPackage',
      'withIsInit',
      'skipWithoutFabricImages',
    ];
    for (const name of expected) {
      expect(typeof Reflect.get(harness, name), name).to.equal('function');
    }
    expect(harness.fabricImages({ fabric: '2.5' }).peer).to.equal('hyperledger/fabric-peer:2.5.16');
    expect(harness.fabricImages({ fabric: '3.1' }).orderer).to.equal('hyperledger/fabric-orderer:3.1.5');
    expect(harness.NETWORK_LABEL).to.equal('org.fabric-testkit.network');
    expect(harness.CA_BOOTSTRAP).to.deep.equal({ enrollmentId: 'admin', secret: 'adminpw' });
    expect(harness.MSP_CA_CERT_FILE).to.equal('ca.pem');
    expect(new harness.CaError('enroll', 401, [{ code: 20, message: 'Authentication failure' }]).message).to.equal(
      'Fabric CA enroll failed (HTTP 401): Error Code: 20 - Authentication failure',
    );
  });
});

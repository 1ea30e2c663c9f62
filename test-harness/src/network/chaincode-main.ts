// The entry point of a chaincode server child process:
//   node chaincode-main.js <module> <export> <packageId> <address>
//   node chaincode-main.js --contract-package <dir> <packageId> <address>
// The chaincode runs in its own process because fabric-shim's protobuf classes (fabric-protos 0.2) and
// fabric-gateway's (0.3) register the same global `proto.protos` namespace: in one process the chaincode
// stream fails with "Error serializing response".
import { Shim, type ChaincodeInterface } from 'fabric-shim';
import Bootstrap from 'fabric-shim/lib/contract-spi/bootstrap';
import { DETACHED_ENV } from './detached-env';

// fabric-shim's chaincode server still calls grpc-js `Server.start()`, deprecated since grpc-js 1.10: every
// server would print the same warning, which is fabric-shim's to fix. Only that warning is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning: string | Error, ...rest: never[]) => {
  if (String(warning).includes('Calling start() is no longer necessary')) return;
  emitWarning(warning, ...rest);
};

function isChaincode(value: unknown): value is ChaincodeInterface {
  return typeof value === 'object' && value !== null && 'Init' in value && 'Invoke' in value;
}

/** What `fabric-chaincode-node server` does (contract-spi/bootstrap.js `bootstrap(true)`), with our ID and address. */
async function serveContractPackage(dir: string, packageId: string, address: string): Promise<void> {
  const { contracts, serializers, title, version } = Bootstrap.getInfoFromContract(dir);
  const metadata = await Bootstrap.getMetadata(dir);
  await Bootstrap.register(contracts, serializers, metadata, title, version, { ccid: packageId, address }, true);
}

async function serveChaincodeModule(modulePath: string, exportName: string, packageId: string, address: string) {
  const loaded: unknown = await import(modulePath);
  const exported: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, exportName) : undefined;
  const chaincode: unknown = typeof exported === 'function' ? Reflect.construct(exported, []) : exported;
  if (!isChaincode(chaincode)) {
    throw new Error(`${modulePath} export ${exportName} is not a chaincode (a class or object with Init and Invoke)`);
  }
  // fabric-shim's typings require tlsProps, but the server runs without TLS when it is absent (lib/server.js).
  const server = Shim.server(chaincode, { ccid: packageId, address, tlsProps: undefined as never });
  await server.start();
}

async function main(): Promise<void> {
  const [first = '', second = '', packageId = '', address = ''] = process.argv.slice(2);
  if (first === '--contract-package') {
    await serveContractPackage(second, packageId, address);
  } else {
    await serveChaincodeModule(first, second, packageId, address);
  }
  process.send?.('ready');
  // A server tied to its parent ends with it; a detached one (see detached-chaincode-server.ts) outlives it.
  if (process.env[DETACHED_ENV] !== 'true') process.on('disconnect', () => process.exit(0));
  // Exit, rather than die of the signal, so that V8 writes coverage (NODE_V8_COVERAGE) as a normal exit does.
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((e: unknown) => {
  process.send?.(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

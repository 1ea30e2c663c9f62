// The entry point of a chaincode server child process: `node chaincode-main.js <module> <export> <packageId> <address>`.
// The chaincode runs in its own process because fabric-shim's protobuf classes (fabric-protos 0.2) and
// fabric-gateway's (0.3) register the same global `proto.protos` namespace: in one process the chaincode
// stream fails with "Error serializing response".
import { Shim, type ChaincodeInterface } from 'fabric-shim';

function isChaincode(value: unknown): value is ChaincodeInterface {
  return typeof value === 'object' && value !== null && 'Init' in value && 'Invoke' in value;
}

async function main(): Promise<void> {
  const [modulePath = '', exportName = '', packageId = '', address = ''] = process.argv.slice(2);
  const loaded: unknown = await import(modulePath);
  const exported: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, exportName) : undefined;
  const chaincode: unknown = typeof exported === 'function' ? Reflect.construct(exported, []) : exported;
  if (!isChaincode(chaincode)) {
    throw new Error(`${modulePath} export ${exportName} is not a chaincode (a class or object with Init and Invoke)`);
  }
  // fabric-shim's typings require tlsProps, but the server runs without TLS when it is absent (lib/server.js).
  const server = Shim.server(chaincode, { ccid: packageId, address, tlsProps: undefined as never });
  await server.start();
  process.send?.('ready');
  process.on('disconnect', () => process.exit(0));
}

main().catch((e: unknown) => {
  process.send?.(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

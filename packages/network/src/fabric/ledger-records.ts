/**
 * What a real peer's ledger says of a transaction, through the query system chaincode (qscc,
 * core/scc/qscc/query.go): `GetTransactionByID` for the validation code and the endorsements, `GetBlockByTxID` for
 * the block it is in.
 */
import type { Network } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import type { TransactionRecord } from '../types';
import { validationCodeName } from './validation-codes';

export async function readTransactionRecord(channel: Network, txId: string): Promise<TransactionRecord> {
  const qscc = channel.getContract('qscc');
  let processedBytes: Uint8Array;
  let blockBytes: Uint8Array;
  try {
    // Two independent reads of the same peer's ledger: asked side by side.
    [processedBytes, blockBytes] = await Promise.all([
      qscc.evaluateTransaction('GetTransactionByID', channel.getName(), txId),
      qscc.evaluateTransaction('GetBlockByTxID', channel.getName(), txId),
    ]);
  } catch (e) {
    throw new Error(`transaction ${txId} is not in the ledger`, { cause: e });
  }
  const processed = peer.ProcessedTransaction.deserializeBinary(processedBytes);
  const block = common.Block.deserializeBinary(blockBytes);
  return {
    txId,
    validationCode: validationCodeName(processed.getValidationcode()),
    blockNumber: block.getHeader()?.getNumber() ?? 0,
    endorsingOrganizations: endorsers(processed).sort(),
  };
}

/** The MSP ids of the endorsements in the transaction's (first) action. */
function endorsers(processed: peer.ProcessedTransaction): string[] {
  const envelope = processed.getTransactionenvelope();
  if (envelope === undefined) return [];
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = transaction.getActionsList()[0];
  if (action === undefined) return [];
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
  return (endorsed?.getEndorsementsList() ?? []).map((e) =>
    msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid(),
  );
}

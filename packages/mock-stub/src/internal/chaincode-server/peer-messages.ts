/**
 * The peer's answers to what a chaincode asks within a transaction (`core/chaincode/handler.go` HandleGetState,
 * HandlePutState, ..., HandleInvokeChaincode): the request decoded from the message payload, the same
 * {@link PeerHandler} the in-process path uses (so simulator, texts and rules are one), and the answer as a RESPONSE
 * whose payload has the shape the shim unmarshals, or an ERROR whose payload is the peer's error text
 * ("<TYPE> failed: transaction ID: <txid>: <error>", made by the handler).
 */
import { peer } from '@hyperledger/fabric-protos';
import { messageTypeName } from './message-type';
import type { ChaincodeResponse } from '../../api';
import type { PeerHandler } from '../handler';

const Type = peer.ChaincodeMessage.Type;

type Answer = (handler: PeerHandler, payload: Uint8Array) => Promise<Uint8Array>;

function stateMetadataResult(metadata: Record<string, Uint8Array>): Uint8Array {
  const result = new peer.StateMetadataResult();
  // Go ranges over a map, in no order; sorted here so runs repeat.
  for (const metakey of Object.keys(metadata).sort()) {
    const entry = new peer.StateMetadata();
    entry.setMetakey(metakey);
    entry.setValue(metadata[metakey] ?? new Uint8Array());
    result.addEntries(entry);
  }
  return result.serializeBinary();
}

/** HandleInvokeChaincode: RESPONSE carrying the callee's COMPLETED message, which carries its `Response`. */
function completedMessage(response: ChaincodeResponse): Uint8Array {
  const result = new peer.Response();
  result.setStatus(response.status);
  result.setMessage(response.message ?? '');
  result.setPayload(response.payload ?? new Uint8Array());
  const completed = new peer.ChaincodeMessage();
  completed.setType(Type.COMPLETED);
  completed.setPayload(result.serializeBinary());
  return completed.serializeBinary();
}

const answers = new Map<number, Answer>([
  [
    Type.GET_STATE,
    async (h, payload) => {
      const request = peer.GetState.deserializeBinary(payload);
      return h.handleGetState(request.getCollection(), request.getKey());
    },
  ],
  [
    Type.PUT_STATE,
    async (h, payload) => {
      const request = peer.PutState.deserializeBinary(payload);
      return h.handlePutState(request.getCollection(), request.getKey(), request.getValue_asU8());
    },
  ],
  [
    Type.DEL_STATE,
    async (h, payload) => {
      const request = peer.DelState.deserializeBinary(payload);
      return h.handleDeleteState(request.getCollection(), request.getKey());
    },
  ],
  [
    Type.PURGE_PRIVATE_DATA,
    async (h, payload) => {
      const request = peer.DelState.deserializeBinary(payload);
      return h.handlePurgeState(request.getCollection(), request.getKey());
    },
  ],
  [
    Type.GET_PRIVATE_DATA_HASH,
    async (h, payload) => {
      const request = peer.GetState.deserializeBinary(payload);
      return h.handleGetPrivateDataHash(request.getCollection(), request.getKey());
    },
  ],
  [
    Type.GET_STATE_METADATA,
    async (h, payload) => {
      const request = peer.GetStateMetadata.deserializeBinary(payload);
      return stateMetadataResult(await h.handleGetStateMetadata(request.getCollection(), request.getKey()));
    },
  ],
  [
    Type.PUT_STATE_METADATA,
    async (h, payload) => {
      const request = peer.PutStateMetadata.deserializeBinary(payload);
      const metadata = request.getMetadata();
      return h.handlePutStateMetadata(
        request.getCollection(),
        request.getKey(),
        metadata?.getMetakey() ?? '',
        metadata?.getValue_asU8() ?? new Uint8Array(),
      );
    },
  ],
  [
    Type.GET_STATE_BY_RANGE,
    async (h, payload) => {
      const request = peer.GetStateByRange.deserializeBinary(payload);
      const metadata = request.getMetadata_asU8();
      const response = await h.queryStateByRange(
        request.getCollection(),
        request.getStartkey(),
        request.getEndkey(),
        metadata.length > 0 ? metadata : undefined,
      );
      return response.serializeBinary();
    },
  ],
  [
    Type.GET_QUERY_RESULT,
    async (h, payload) => {
      const request = peer.GetQueryResult.deserializeBinary(payload);
      const metadata = request.getMetadata_asU8();
      const response = await h.queryResult(
        request.getCollection(),
        request.getQuery(),
        metadata.length > 0 ? metadata : undefined,
      );
      return response.serializeBinary();
    },
  ],
  [
    Type.GET_HISTORY_FOR_KEY,
    async (h, payload) =>
      (await h.queryHistoryForKey(peer.GetHistoryForKey.deserializeBinary(payload).getKey())).serializeBinary(),
  ],
  [
    Type.QUERY_STATE_NEXT,
    async (h, payload) =>
      (await h.handleQueryStateNext(peer.QueryStateNext.deserializeBinary(payload).getId())).serializeBinary(),
  ],
  [
    Type.QUERY_STATE_CLOSE,
    async (h, payload) =>
      (await h.handleQueryStateClose(peer.QueryStateClose.deserializeBinary(payload).getId())).serializeBinary(),
  ],
  [
    Type.INVOKE_CHAINCODE,
    async (h, payload) => {
      const spec = peer.ChaincodeSpec.deserializeBinary(payload);
      const args = spec.getInput()?.getArgsList_asU8() ?? [];
      return completedMessage(await h.handleInvokeChaincode(spec.getChaincodeId()?.getName() ?? '', args));
    },
  ],
]);

/** The peer's answer to one message of a running transaction. */
export async function answerChaincodeMessage(
  handler: PeerHandler,
  request: peer.ChaincodeMessage,
): Promise<peer.ChaincodeMessage> {
  const response = new peer.ChaincodeMessage();
  response.setTxid(request.getTxid());
  response.setChannelId(request.getChannelId());
  const answer = answers.get(request.getType());
  try {
    if (answer === undefined) {
      // handler.go handleMessageReadyState: anything else is refused.
      throw new Error(
        `[${request.getTxid().substring(0, 8)}] Fabric side handler cannot handle message (${messageTypeName(request.getType())}) while in ready state`,
      );
    }
    response.setPayload(await answer(handler, request.getPayload_asU8()));
    response.setType(Type.RESPONSE);
  } catch (error) {
    response.setType(Type.ERROR);
    response.setPayload(Buffer.from(error instanceof Error ? error.message : String(error)));
  }
  return response;
}

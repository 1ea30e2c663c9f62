/**
 * The peer's answers to what a chaincode asks within a transaction (`core/chaincode/handler.go` HandleGetState,
 * HandlePutState, ..., HandleInvokeChaincode): the request decoded from the message payload, the same
 * {@link PeerHandler} the in-process path uses (so simulator, texts and rules are one), and the answer as a RESPONSE
 * whose payload has the shape the shim unmarshals, or an ERROR whose payload is the peer's error text
 * ("<TYPE> failed: transaction ID: <txid>: <error>", made by the handler, or here when the request does not
 * unmarshal: a key that is not UTF-8 is refused as Go's protobuf refuses it).
 *
 * Requests are read field by field (fabric-core's reader; the field numbers are `peer/chaincode_shim.proto`'s),
 * answers that are messages are written with fabric-protos' classes: they are rarer and carry nested results.
 */
import { bytesOf, ProtobufReadError, readFields, utf8Field, type FieldValue } from '@fabric-testkit/fabric-core';
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeResponse } from '../../api';
import type { PeerHandler } from '../handler';
import { wrapHandlerError } from '../peer-errors';
import { chaincodeMessage, MessageType as Type, messageTypeName, type ChaincodeMessage } from './chaincode-message';

type Answer = (handler: PeerHandler, request: Request) => Promise<Uint8Array>;

const EMPTY: Uint8Array = new Uint8Array(0);

/** A request's fields by number (the last value of a field wins, as in proto3). */
class Request {
  readonly #fields = new Map<number, FieldValue>();

  constructor(payload: Uint8Array) {
    readFields(payload, (field, value) => this.#fields.set(field, value));
  }

  text(field: number): string {
    const value = this.#fields.get(field);
    return value === undefined ? '' : utf8Field(value);
  }

  bytes(field: number): Uint8Array {
    const value = this.#fields.get(field);
    return value === undefined ? EMPTY : bytesOf(value);
  }

  message(field: number): Request {
    return new Request(this.bytes(field));
  }
}

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

/** Metadata (bookmark, page size) when the shim sent some: `QueryMetadata` bytes. */
function queryMetadata(bytes: Uint8Array): Uint8Array | undefined {
  return bytes.length > 0 ? bytes : undefined;
}

/**
 * By message type: GetState, GetStateMetadata, DelState{key = 1, collection = 2}; PutState{key = 1, value = 2,
 * collection = 3}; PutStateMetadata{key = 1, collection = 3, metadata = 4: StateMetadata{metakey = 1, value = 2}};
 * GetStateByRange{startKey = 1, endKey = 2, collection = 3, metadata = 4}; GetQueryResult{query = 1,
 * collection = 2, metadata = 3}; GetHistoryForKey{key = 1}; QueryStateNext, QueryStateClose{id = 1};
 * ChaincodeSpec{chaincode_id = 2: ChaincodeID{name = 2}, input = 3: ChaincodeInput{args = 1}}.
 */
const answers = new Map<number, Answer>([
  [Type.GET_STATE, (h, r) => h.handleGetState(r.text(2), r.text(1))],
  // The value is copied: the request is a view into the stream's read buffer, and the value outlives it.
  [Type.PUT_STATE, (h, r) => h.handlePutState(r.text(3), r.text(1), Buffer.from(r.bytes(2)))],
  [Type.DEL_STATE, (h, r) => h.handleDeleteState(r.text(2), r.text(1))],
  [Type.PURGE_PRIVATE_DATA, (h, r) => h.handlePurgeState(r.text(2), r.text(1))],
  [Type.GET_PRIVATE_DATA_HASH, (h, r) => h.handleGetPrivateDataHash(r.text(2), r.text(1))],
  [Type.GET_STATE_METADATA, async (h, r) => stateMetadataResult(await h.handleGetStateMetadata(r.text(2), r.text(1)))],
  [
    Type.PUT_STATE_METADATA,
    (h, r) => {
      const metadata = r.message(4);
      return h.handlePutStateMetadata(r.text(3), r.text(1), metadata.text(1), Buffer.from(metadata.bytes(2)));
    },
  ],
  [
    Type.GET_STATE_BY_RANGE,
    async (h, r) =>
      (await h.queryStateByRange(r.text(3), r.text(1), r.text(2), queryMetadata(r.bytes(4)))).serializeBinary(),
  ],
  [
    Type.GET_QUERY_RESULT,
    async (h, r) => (await h.queryResult(r.text(2), r.text(1), queryMetadata(r.bytes(3)))).serializeBinary(),
  ],
  [Type.GET_HISTORY_FOR_KEY, async (h, r) => (await h.queryHistoryForKey(r.text(1))).serializeBinary()],
  [Type.QUERY_STATE_NEXT, async (h, r) => (await h.handleQueryStateNext(r.text(1))).serializeBinary()],
  [Type.QUERY_STATE_CLOSE, async (h, r) => (await h.handleQueryStateClose(r.text(1))).serializeBinary()],
  [
    Type.INVOKE_CHAINCODE,
    async (h, r) => {
      const args: Uint8Array[] = [];
      readFields(r.bytes(3), (field, value) => {
        if (field === 1) args.push(Buffer.from(bytesOf(value)));
      });
      return completedMessage(await h.handleInvokeChaincode(r.message(2).text(2), args));
    },
  ],
]);

/** The peer's answer to one message of a running transaction. */
export async function answerChaincodeMessage(
  handler: PeerHandler,
  request: ChaincodeMessage,
): Promise<ChaincodeMessage> {
  const { type, txid, channelId } = request;
  const answer = answers.get(type);
  try {
    if (answer === undefined) {
      // handler.go handleMessageReadyState: anything else is refused.
      throw new Error(
        `[${txid.substring(0, 8)}] Fabric side handler cannot handle message (${messageTypeName(type)}) while in ready state`,
      );
    }
    let payload: Uint8Array;
    try {
      payload = await answer(handler, new Request(request.payload));
    } catch (error) {
      // A request that does not unmarshal: handler.go HandleTransaction wraps that error as it wraps the rest.
      if (error instanceof ProtobufReadError) {
        throw wrapHandlerError(messageTypeName(type), txid, `unmarshal failed: ${error.message}`);
      }
      throw error;
    }
    return chaincodeMessage(Type.RESPONSE, txid, channelId, payload);
  } catch (error) {
    return chaincodeMessage(
      Type.ERROR,
      txid,
      channelId,
      Buffer.from(error instanceof Error ? error.message : String(error)),
    );
  }
}

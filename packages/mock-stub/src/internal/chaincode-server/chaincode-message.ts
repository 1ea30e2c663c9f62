/**
 * `protos.ChaincodeMessage` (`peer/chaincode_shim.proto`) as the peer side of the stream writes and reads it:
 * plain objects written and read field by field with fabric-core's protobuf writer and reader, not
 * google-protobuf's message classes. A transaction is half a dozen of these messages each way, and building and
 * parsing message objects for them cost more than the peer's own work (the wire bench, issue 15).
 *
 * ChaincodeMessage{type = 1, timestamp = 2, payload = 3, txid = 4, proposal = 5, chaincode_event = 6,
 * channel_id = 7}; the peer never sends a timestamp and ignores the one a shim sends.
 */
import {
  bytesField,
  bytesOf,
  numberOf,
  ProtobufReadError,
  readFields,
  stringField,
  utf8Field,
  varintField,
  type Part,
} from '@fabric-testkit/fabric-core';
import { peer } from '@hyperledger/fabric-protos';

export const MessageType = peer.ChaincodeMessage.Type;
const EMPTY: Uint8Array = new Uint8Array(0);

/** A ChaincodeMessage type's name (`GET_STATE`), as the peer's messages print it; the number when unknown. */
export function messageTypeName(type: number): string {
  return Object.entries(MessageType).find(([, value]) => value === type)?.[0] ?? String(type);
}

/** `peer.ChaincodeEvent{chaincode_id = 1, tx_id = 2, event_name = 3, payload = 4}`. */
export interface ChaincodeEventMessage {
  readonly eventName: string;
  readonly payload: Uint8Array;
}

export interface ChaincodeMessage {
  readonly type: number;
  readonly txid: string;
  readonly channelId: string;
  readonly payload: Uint8Array;
  /** TRANSACTION and INIT: the client's `SignedProposal{proposal_bytes = 1, signature = 2}`. */
  readonly proposal?: { readonly proposalBytes: Uint8Array; readonly signature: Uint8Array };
  /** COMPLETED: the event the chaincode set, if it set one (read, never written: only a chaincode sends one). */
  readonly chaincodeEvent?: ChaincodeEventMessage;
}

/** A message with only what most have: type, transaction, channel and payload. */
export function chaincodeMessage(
  type: number,
  txid = '',
  channelId = '',
  payload: Uint8Array = EMPTY,
): ChaincodeMessage {
  return { type, txid, channelId, payload };
}

/** The message's fields, in field-number order, for a gRPC frame (`chaincode-stream.ts`). */
export function chaincodeMessageFields(message: ChaincodeMessage): Part[] {
  const fields: Part[] = [varintField(1, message.type), bytesField(3, message.payload), stringField(4, message.txid)];
  if (message.proposal !== undefined) {
    const { proposalBytes, signature } = message.proposal;
    fields.push(bytesField(5, [bytesField(1, proposalBytes), bytesField(2, signature)]));
  }
  fields.push(stringField(7, message.channelId));
  return fields;
}

/**
 * Transaction and channel IDs are read as text without the UTF-8 check request strings get (`peer-messages.ts`):
 * they are the IDs the peer sent, echoed back.
 */
function text(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
}

function decodeEvent(bytes: Uint8Array): ChaincodeEventMessage {
  let eventName = '';
  let payload = EMPTY;
  readFields(bytes, (field, value) => {
    if (field === 3) eventName = text(bytesOf(value));
    else if (field === 4) payload = bytesOf(value);
  });
  return { eventName, payload };
}

/** Reads a message a chaincode sent. Throws `ProtobufReadError` when the bytes are not one. */
export function decodeChaincodeMessage(bytes: Uint8Array): ChaincodeMessage {
  let type = 0;
  let txid = '';
  let channelId = '';
  let payload = EMPTY;
  let chaincodeEvent: ChaincodeEventMessage | undefined;
  readFields(bytes, (field, value) => {
    if (field === 1) type = numberOf(value);
    else if (field === 3) payload = bytesOf(value);
    else if (field === 4) txid = text(bytesOf(value));
    else if (field === 6) chaincodeEvent = decodeEvent(bytesOf(value));
    else if (field === 7) channelId = text(bytesOf(value));
  });
  return { type, txid, channelId, payload, ...(chaincodeEvent !== undefined ? { chaincodeEvent } : {}) };
}

/** A COMPLETED message's payload, `peer.Response{status = 1, message = 2, payload = 3}`. */
export function decodeResponse(bytes: Uint8Array): { status: number; message: string; payload: Uint8Array } {
  let status = 0;
  let message = '';
  let payload = EMPTY;
  readFields(bytes, (field, value) => {
    if (field === 1) status = numberOf(value);
    else if (field === 2) message = utf8Field(value);
    else if (field === 3) payload = bytesOf(value);
  });
  return { status, message, payload };
}

/** What was wrong with bytes that did not read as a message: the reader's detail, else the error's text. */
export function readProblem(error: unknown): string {
  if (error instanceof ProtobufReadError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

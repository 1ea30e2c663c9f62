/**
 * `protos.Chaincode/Connect` as a gRPC bidirectional stream over plain-text HTTP/2 (h2c, as a ccaas
 * `connection.json` without TLS): one request whose body and response carry length-prefixed messages (the gRPC wire
 * format: a compressed flag byte, a 4-byte big-endian length, the protobuf bytes), ended by the server's
 * `grpc-status` trailer. Written on node:http2 rather than grpc-js because a transaction is half a dozen small
 * messages and grpc-js's per-message layers (interceptors, retries, object streams) cost more than the peer's work.
 * Emits `data` (a decoded {@link ChaincodeMessage}), `error` and `end`, as a grpc-js duplex stream does.
 */
import { EventEmitter } from 'node:events';
import {
  connect,
  constants,
  type ClientHttp2Session,
  type ClientHttp2Stream,
  type IncomingHttpHeaders,
} from 'node:http2';
import { serialize, sizeOf } from '@fabric-testkit/fabric-core';
import {
  chaincodeMessageFields,
  decodeChaincodeMessage,
  readProblem,
  type ChaincodeMessage,
} from './chaincode-message';

const HEADER_BYTES = 5;

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}
const PATH = '/protos.Chaincode/Connect';

export class ChaincodeStream extends EventEmitter {
  readonly #session: ClientHttp2Session;
  readonly #request: ClientHttp2Stream;
  #pending: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(address: string) {
    super();
    this.#session = connect(`http://${address}`);
    this.#session.on('error', (error: Error) => this.#fail(error));
    this.#request = this.#session.request(
      {
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: PATH,
        [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        te: 'trailers',
      },
      { endStream: false },
    );
    this.#request.on('response', (headers) => {
      const type = headerText(headers[constants.HTTP2_HEADER_CONTENT_TYPE]);
      if (!type.startsWith('application/grpc')) {
        this.#fail(new Error(`it answered HTTP ${String(headers[constants.HTTP2_HEADER_STATUS])} ${type}, not gRPC`));
      }
      // A gRPC error before any message comes as headers only ("trailers-only").
      this.#checkStatus(headers);
    });
    this.#request.on('trailers', (trailers: IncomingHttpHeaders) => this.#checkStatus(trailers));
    this.#request.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#request.on('error', (error: Error) => this.#fail(error));
    // The server's end of the stream (its trailers) ends the readable side; 'close' waits for ours too.
    this.#request.on('end', () => this.#finish());
    this.#request.on('close', () => this.#finish());
  }

  write(message: ChaincodeMessage): void {
    if (this.#ended) return;
    const fields = chaincodeMessageFields(message);
    let length = 0;
    for (const field of fields) length += sizeOf(field);
    // The gRPC frame header (uncompressed, big-endian length) and the message, written into one buffer.
    const header = new Uint8Array(HEADER_BYTES);
    new DataView(header.buffer).setUint32(1, length);
    this.#request.write(serialize([header, ...fields]));
  }

  /** Half-closes the stream (the server sees EOF) and closes the connection. */
  close(): void {
    this.#ended = true;
    if (!this.#request.closed) this.#request.end();
    this.#session.close();
  }

  #receive(chunk: Buffer): void {
    let buffer = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (buffer.length >= HEADER_BYTES) {
      const length = buffer.readUInt32BE(1);
      if (buffer.length < HEADER_BYTES + length) break;
      if (buffer[0] !== 0) {
        this.#fail(new Error('it sent a compressed message, which the peer never asks for'));
        return;
      }
      let message: ChaincodeMessage;
      try {
        message = decodeChaincodeMessage(buffer.subarray(HEADER_BYTES, HEADER_BYTES + length));
      } catch (error) {
        this.#fail(new Error(`it sent a message that is not a ChaincodeMessage (${readProblem(error)})`));
        return;
      }
      buffer = buffer.subarray(HEADER_BYTES + length);
      this.emit('data', message);
    }
    this.#pending = buffer;
  }

  #checkStatus(headers: IncomingHttpHeaders): void {
    const status = headerText(headers['grpc-status']);
    if (status === '' || status === '0') return;
    const text = decodeURIComponent(headerText(headers['grpc-message']));
    this.#fail(new Error(`gRPC status ${status}${text === '' ? '' : `: ${text}`}`));
  }

  #fail(error: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit('error', error);
    this.#session.destroy();
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit('end');
    this.#session.close();
  }
}

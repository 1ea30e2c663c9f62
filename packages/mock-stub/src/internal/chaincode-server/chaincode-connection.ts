/**
 * The peer's end of one chaincode-as-a-service stream (`protos.Chaincode/Connect`): the peer dials the chaincode
 * server, the chaincode sends REGISTER, the peer answers REGISTERED then READY (`core/chaincode/handler.go`
 * HandleRegister, sendReady), and from then on each transaction is a TRANSACTION or INIT message whose txid keys
 * every message the chaincode sends back until its COMPLETED or ERROR.
 *
 * The mock answers READY with no payload, as a Fabric 2.5 peer does: the shim then sends each PUT_STATE on its own
 * instead of batching writes (Fabric 3's ChaincodeAdditionalParams), which changes nothing the chaincode can see.
 */
import { readFields, utf8Field } from '@fabric-testkit/fabric-core';
import { ChaincodeServerError } from '../../errors';
import {
  chaincodeMessage,
  MessageType as Type,
  messageTypeName,
  readProblem,
  type ChaincodeMessage,
} from './chaincode-message';
import { ChaincodeStream } from './chaincode-stream';

/** `handler.go` ErrorStreamTerminated and ErrorExecutionTimeout. */
export const STREAM_TERMINATED = 'chaincode stream terminated';
export const EXECUTION_TIMEOUT = 'timeout expired while executing transaction';

/** Answers one message the chaincode sent within a transaction (GET_STATE, PUT_STATE, ...). */
export type MessageAnswerer = (message: ChaincodeMessage) => Promise<ChaincodeMessage>;

interface ActiveTransaction {
  answer: MessageAnswerer;
  resolve: (message: ChaincodeMessage) => void;
  reject: (error: Error) => void;
}

function transactionKey(channel: string, txId: string): string {
  return `${channel}\u0000${txId}`;
}

/** `peer.ChaincodeID{path = 1, name = 2, version = 3}`: the name a REGISTER carries. */
function registeredName(payload: Uint8Array): string {
  let name = '';
  readFields(payload, (field, value) => {
    if (field === 2) name = utf8Field(value);
  });
  return name;
}

/** A registered, ready stream to one chaincode server. */
export class ChaincodeConnection {
  readonly #active = new Map<string, ActiveTransaction>();
  #closedBecause: string | undefined;

  private constructor(
    readonly address: string,
    /** The name the chaincode registered with (its `CHAINCODE_ID`, a package ID on a real peer). */
    readonly chaincodeId: string,
    private readonly stream: ChaincodeStream,
  ) {
    stream.on('data', (received: ChaincodeMessage) => this.#dispatch(received));
    stream.on('error', (error: Error) => this.#end(`${STREAM_TERMINATED}: ${error.message}`));
    stream.on('end', () => this.#end(STREAM_TERMINATED));
  }

  /**
   * Dials `address` and waits for the chaincode's REGISTER (at most `timeoutMs`). Fails with a
   * {@link ChaincodeServerError} naming the address when nothing answers, the stream fails, or the first message
   * is not REGISTER (a program speaking something else).
   */
  static open(address: string, timeoutMs: number): Promise<ChaincodeConnection> {
    const stream = new ChaincodeStream(address);
    return new Promise<ChaincodeConnection>((resolve, reject) => {
      const fail = (reason: string): void => {
        clearTimeout(timer);
        stream.removeAllListeners();
        stream.on('error', () => undefined);
        stream.close();
        reject(new ChaincodeServerError(address, reason));
      };
      const timer = setTimeout(
        () => fail(`it did not register within ${timeoutMs} ms (is a chaincode server listening there?)`),
        timeoutMs,
      );
      stream.once('error', (error: Error) => fail(`the stream failed before REGISTER: ${error.message}`));
      stream.once('end', () => fail('it closed the stream before REGISTER'));
      stream.once('data', (first: ChaincodeMessage) => {
        if (first.type !== Type.REGISTER) {
          // handler.go handleMessage in the created state: anything but REGISTER is refused.
          stream.write(
            chaincodeMessage(
              Type.ERROR,
              first.txid,
              first.channelId,
              Buffer.from(
                `[${first.txid}] Fabric side handler cannot handle message (${messageTypeName(first.type)}) while in created state`,
              ),
            ),
          );
          fail(
            `its first message was ${messageTypeName(first.type)}, not REGISTER: it does not speak the chaincode protocol`,
          );
          return;
        }
        let id: string;
        try {
          id = registeredName(first.payload);
        } catch (error) {
          fail(`its REGISTER does not carry a ChaincodeID (${readProblem(error)})`);
          return;
        }
        if (id === '') {
          fail('it registered with an empty chaincode ID (set CHAINCODE_ID)');
          return;
        }
        clearTimeout(timer);
        stream.removeAllListeners();
        stream.write(chaincodeMessage(Type.REGISTERED));
        stream.write(chaincodeMessage(Type.READY));
        resolve(new ChaincodeConnection(address, id, stream));
      });
    });
  }

  /** Whether the stream has ended (a new transaction needs a new connection). */
  get closed(): boolean {
    return this.#closedBecause !== undefined;
  }

  /**
   * Sends a TRANSACTION or INIT and answers the chaincode's requests for it until its COMPLETED or ERROR, which it
   * resolves to. Rejects with the peer's texts when the stream ends first or after `timeoutMs` (`Execute`).
   */
  execute(request: ChaincodeMessage, answer: MessageAnswerer, timeoutMs: number): Promise<ChaincodeMessage> {
    if (this.#closedBecause !== undefined) return Promise.reject(new Error(this.#closedBecause));
    const key = transactionKey(request.channelId, request.txid);
    return new Promise<ChaincodeMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#active.delete(key);
        reject(new Error(EXECUTION_TIMEOUT));
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.#active.delete(key);
      };
      this.#active.set(key, {
        answer,
        resolve: (response) => {
          settle();
          resolve(response);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.stream.write(request);
    });
  }

  close(): void {
    this.#end(STREAM_TERMINATED);
    this.stream.removeAllListeners();
    this.stream.on('error', () => undefined);
    this.stream.close();
  }

  #dispatch(received: ChaincodeMessage): void {
    const { type, txid: txId, channelId: channel } = received;
    if (type === Type.KEEPALIVE) return;
    const active = this.#active.get(transactionKey(channel, txId));
    if (type === Type.COMPLETED || type === Type.ERROR) {
      active?.resolve(received);
      return;
    }
    if (active === undefined) {
      // handler.go isValidTxSim: a message for a transaction the peer is not running.
      this.#send(
        chaincodeMessage(
          Type.ERROR,
          txId,
          channel,
          Buffer.from(`${messageTypeName(type)} failed: transaction ID: ${txId}: no ledger context`),
        ),
      );
      return;
    }
    active.answer(received).then(
      (response) => this.#send(response),
      (error: unknown) => active.reject(error instanceof Error ? error : new Error(String(error))),
    );
  }

  #send(response: ChaincodeMessage): void {
    if (this.#closedBecause === undefined) this.stream.write(response);
  }

  #end(reason: string): void {
    if (this.#closedBecause !== undefined) return;
    this.#closedBecause = reason;
    for (const active of [...this.#active.values()]) active.reject(new Error(STREAM_TERMINATED));
  }
}

/**
 * The peer's streams to chaincode servers, one per address, opened on a chaincode's first transaction (as a peer
 * connects to a chaincode-as-a-service on first use) and opened again when a stream ended (the server restarted).
 */
import { ChaincodeConnection } from './chaincode-connection';

/** How long a chaincode server has to accept the stream and REGISTER (a ccaas `connection.json` dial_timeout). */
export const REGISTER_TIMEOUT_MS = 10_000;

export class ChaincodeConnections {
  readonly #connections = new Map<string, Promise<ChaincodeConnection>>();
  readonly #opened = new Set<ChaincodeConnection>();
  readonly #open = new Map<string, ChaincodeConnection>();

  async connection(address: string): Promise<ChaincodeConnection> {
    // Most calls find the stream open: no waiting on the promise that opened it.
    const open = this.#open.get(address);
    if (open !== undefined && !open.closed) return open;
    const pending = this.#connections.get(address);
    if (pending !== undefined) {
      const existing = await pending.catch(() => undefined);
      if (existing !== undefined && !existing.closed) return existing;
      if (this.#connections.get(address) !== pending) return this.connection(address);
    }
    const opening = ChaincodeConnection.open(address, REGISTER_TIMEOUT_MS);
    this.#connections.set(address, opening);
    try {
      const connection = await opening;
      this.#opened.add(connection);
      if (this.#connections.get(address) === opening) this.#open.set(address, connection);
      return connection;
    } catch (error) {
      if (this.#connections.get(address) === opening) this.#connections.delete(address);
      throw error;
    }
  }

  /** Ends every stream: their servers see EOF, as when a peer stops. */
  close(): void {
    for (const connection of this.#opened) connection.close();
    this.#opened.clear();
    this.#open.clear();
    this.#connections.clear();
  }
}

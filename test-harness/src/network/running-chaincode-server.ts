/** A chaincode server running as a child process of this one: a Node chaincode server or any chaincode program. */
export interface RunningChaincodeServer {
  readonly packageId: string;
  readonly address: string;
  /** The child process's ID (to kill it in a fault test), or undefined when it could not be spawned. */
  readonly pid: number | undefined;
  /** Whether the child process still runs (false once stopped, killed or exited). */
  readonly running: boolean;
  /** Stops the server (SIGTERM) and waits for the process to exit; a stopped server stays stopped. */
  stop(): Promise<void>;
}

/**
 * A Go main package for the harness's tests of Go chaincode programs: it listens where the ccaas contract says
 * (`CHAINCODE_SERVER_ADDRESS`), as `shim.ChaincodeServer` would, prints the `CHAINCODE_ID` it serves, and accepts
 * and closes connections until stopped. Fast to build: no dependencies.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GO_LISTENER = `package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	listener, err := net.Listen("tcp", os.Getenv("CHAINCODE_SERVER_ADDRESS"))
	if err != nil {
		panic(err)
	}
	fmt.Println("serving", os.Getenv("CHAINCODE_ID"))
	for {
		if connection, err := listener.Accept(); err == nil {
			connection.Close()
		}
	}
}
`;

/** A Go main package: `main.go` with `body` and a go.mod without dependencies, in `dir` (default a new one). */
export function goPackage(body: string, dir = mkdtempSync(join(tmpdir(), 'go-chaincode-test-'))): string {
  writeFileSync(join(dir, 'go.mod'), 'module example.com/cc\n\ngo 1.22\n');
  writeFileSync(join(dir, 'main.go'), body);
  return dir;
}

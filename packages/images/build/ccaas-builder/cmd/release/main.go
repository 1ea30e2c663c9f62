// release: called by the peer as `release BUILD_OUTPUT_DIR RELEASE_DIR`.
package main

import (
	"log"
	"os"

	"fabrictestkit/ccaasbuilder/ccaas"
)

func main() {
	logger := log.New(os.Stderr, "", 0)
	logger.Println("::Release")
	if len(os.Args) < 3 {
		logger.Println("::Error: usage: release BUILD_OUTPUT_DIR RELEASE_DIR")
		os.Exit(1)
	}
	if err := ccaas.Release(os.Args[1], os.Args[2]); err != nil {
		logger.Printf("::Error: %v", err)
		os.Exit(1)
	}
	logger.Println("::Release phase completed")
}

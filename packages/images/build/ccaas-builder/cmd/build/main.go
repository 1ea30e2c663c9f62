// build: called by the peer as `build SOURCE_DIR METADATA_DIR OUTPUT_DIR`.
package main

import (
	"log"
	"os"

	"fabrictestkit/ccaasbuilder/ccaas"
)

func main() {
	logger := log.New(os.Stderr, "", 0)
	logger.Println("::Build")
	if len(os.Args) < 4 {
		logger.Println("::Error: usage: build SOURCE_DIR METADATA_DIR OUTPUT_DIR")
		os.Exit(1)
	}
	if err := ccaas.Build(os.Args[1], os.Args[2], os.Args[3], os.Getenv(ccaas.BuilderConfigEnv)); err != nil {
		logger.Printf("::Error: %v", err)
		os.Exit(1)
	}
	logger.Println("::Build phase completed")
}

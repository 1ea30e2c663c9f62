// detect: called by the peer as `detect SOURCE_DIR METADATA_DIR`; exit 0 claims the package.
package main

import (
	"log"
	"os"

	"fabrictestkit/ccaasbuilder/ccaas"
)

func main() {
	logger := log.New(os.Stderr, "", 0)
	logger.Println("::Detect")
	if len(os.Args) < 3 {
		logger.Println("::Error: usage: detect SOURCE_DIR METADATA_DIR")
		os.Exit(1)
	}
	kind, err := ccaas.Detect(os.Args[2])
	if err != nil {
		logger.Printf("::Error: %v", err)
		os.Exit(1)
	}
	logger.Printf("::Type detected as: %s", kind)
}

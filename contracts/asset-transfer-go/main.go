// Command asset-transfer-go serves the asset contract as a chaincode server (chaincode as a service): the peer
// connects to CHAINCODE_SERVER_ADDRESS and knows the chaincode by CHAINCODE_ID, the package ID it installed.
package main

import (
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/hyperledger/fabric-chaincode-go/v2/shim"
	"github.com/hyperledger/fabric-contract-api-go/v2/contractapi"
)

func main() {
	chaincode, err := contractapi.NewChaincode(&AssetContract{})
	if err != nil {
		log.Fatalf("asset-transfer-go: %v", err)
	}
	server := &shim.ChaincodeServer{
		CCID:    os.Getenv("CHAINCODE_ID"),
		Address: os.Getenv("CHAINCODE_SERVER_ADDRESS"),
		CC:      chaincode,
		// The peer's ccaas connection.json here has no TLS: the harness serves on this host, the peer in a container.
		TLSProps: shim.TLSProperties{Disabled: true},
	}
	exitOnTerminate()
	if err := server.Start(); err != nil {
		log.Fatalf("asset-transfer-go: %v", err)
	}
}

// exitOnTerminate exits normally on SIGTERM (how the harness stops a chaincode server), so that a binary built with
// `go build -cover` writes its coverage to GOCOVERDIR: Go writes it on os.Exit, not when a signal kills it.
func exitOnTerminate() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-signals
		os.Exit(0)
	}()
}

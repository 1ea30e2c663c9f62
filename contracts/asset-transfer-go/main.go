// Command asset-transfer-go serves the asset contract as a chaincode server (chaincode as a service): the peer
// connects to CHAINCODE_SERVER_ADDRESS and knows the chaincode by CHAINCODE_ID, the package ID it installed.
package main

import (
	"log"
	"os"

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
	if err := server.Start(); err != nil {
		log.Fatalf("asset-transfer-go: %v", err)
	}
}

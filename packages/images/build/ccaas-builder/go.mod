// fabric-testkit's chaincode-as-a-service external builder: Fabric's ccaas_builder contract
// (detect, build, release) with the standard library only, so it builds without the module proxy.
module fabrictestkit/ccaasbuilder

go 1.21

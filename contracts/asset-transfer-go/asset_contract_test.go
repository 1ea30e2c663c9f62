package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sort"
	"testing"

	"github.com/hyperledger/fabric-chaincode-go/v2/pkg/cid"
	"github.com/hyperledger/fabric-chaincode-go/v2/shim"
	"github.com/hyperledger/fabric-contract-api-go/v2/contractapi"
	"github.com/hyperledger/fabric-protos-go-apiv2/ledger/queryresult"
)

// fakeStub is the part of the chaincode stub the contract uses, over a map; other methods panic (embedded nil).
type fakeStub struct {
	shim.ChaincodeStubInterface
	state     map[string][]byte
	private   map[string]map[string][]byte
	transient map[string][]byte
	events    []string
}

func (s *fakeStub) GetTransient() (map[string][]byte, error) { return s.transient, nil }
func (s *fakeStub) PutPrivateData(collection, key string, value []byte) error {
	if s.private[collection] == nil {
		s.private[collection] = map[string][]byte{}
	}
	s.private[collection][key] = value
	return nil
}
func (s *fakeStub) GetPrivateData(collection, key string) ([]byte, error) {
	return s.private[collection][key], nil
}
func (s *fakeStub) GetPrivateDataHash(collection, key string) ([]byte, error) {
	value, ok := s.private[collection][key]
	if !ok {
		return nil, nil
	}
	sum := sha256.Sum256(value)
	return sum[:], nil
}

func (s *fakeStub) GetState(key string) ([]byte, error) { return s.state[key], nil }
func (s *fakeStub) PutState(key string, value []byte) error {
	s.state[key] = value
	return nil
}
func (s *fakeStub) DelState(key string) error {
	delete(s.state, key)
	return nil
}
func (s *fakeStub) SetEvent(name string, _ []byte) error {
	s.events = append(s.events, name)
	return nil
}
func (s *fakeStub) GetStateByRange(start, end string) (shim.StateQueryIteratorInterface, error) {
	keys := []string{}
	for key := range s.state {
		if key >= start && (end == "" || key < end) {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return &fakeIterator{stub: s, keys: keys}, nil
}

type fakeIterator struct {
	stub *fakeStub
	keys []string
}

func (i *fakeIterator) HasNext() bool { return len(i.keys) > 0 }
func (i *fakeIterator) Close() error  { return nil }
func (i *fakeIterator) Next() (*queryresult.KV, error) {
	if len(i.keys) == 0 {
		return nil, errors.New("no more keys")
	}
	key := i.keys[0]
	i.keys = i.keys[1:]
	return &queryresult.KV{Key: key, Value: i.stub.state[key]}, nil
}

// fakeIdentity answers as fabric-chaincode-go's cid does: GetID is base64 of "x509::<subject>::<issuer>".
type fakeIdentity struct {
	cid.ClientIdentity
	mspID, name string
}

func (f fakeIdentity) GetMSPID() (string, error) { return f.mspID, nil }
func (f fakeIdentity) GetID() (string, error) {
	return base64.StdEncoding.EncodeToString([]byte("x509::CN=" + f.name + ",OU=client::CN=ca")), nil
}

func contextOf(stub *fakeStub, mspID, name string) *contractapi.TransactionContext {
	ctx := &contractapi.TransactionContext{}
	ctx.SetStub(stub)
	ctx.SetClientIdentity(fakeIdentity{mspID: mspID, name: name})
	return ctx
}

func TestCreateReadAndOwnership(t *testing.T) {
	stub := &fakeStub{state: map[string][]byte{}}
	contract := &AssetContract{}
	alice := contextOf(stub, "Org1MSP", "alice")
	bob := contextOf(stub, "Org2MSP", "bob")

	created, err := contract.CreateAsset(alice, "a1", "blue", 5, 300)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := json.Marshal(created)
	if string(stub.state["a1"]) != string(stored) || stub.events[0] != "AssetCreated" {
		t.Fatalf("stored %s, events %v", stub.state["a1"], stub.events)
	}
	if _, err := contract.CreateAsset(bob, "a1", "red", 1, 1); err == nil || err.Error() != "the asset a1 already exists" {
		t.Fatalf("a second create: %v", err)
	}
	err = contract.TransferAsset(bob, "a1", "Org2MSP", "x")
	if err == nil || err.Error() != "bob@Org2MSP may not transfer asset a1: it is owned by alice@Org1MSP" {
		t.Fatalf("a transfer by a non-owner: %v", err)
	}
	bobOwner, _ := contract.WhoAmI(bob)
	if err := contract.TransferAsset(alice, "a1", bobOwner.MSPID, bobOwner.ID); err != nil {
		t.Fatal(err)
	}
	if err := contract.DeleteAsset(bob, "a1"); err != nil {
		t.Fatal(err)
	}
	if exists, _ := contract.AssetExists(alice, "a1"); exists {
		t.Fatal("a1 still exists after its delete")
	}
	if _, err := contract.ReadAsset(alice, "a1"); err == nil || err.Error() != "the asset a1 does not exist" {
		t.Fatalf("reading a deleted asset: %v", err)
	}
}

func TestGetAllAssetsInKeyOrder(t *testing.T) {
	stub := &fakeStub{state: map[string][]byte{}}
	contract := &AssetContract{}
	alice := contextOf(stub, "Org1MSP", "alice")
	for _, id := range []string{"b", "a", "c"} {
		if _, err := contract.CreateAsset(alice, id, "blue", 1, 1); err != nil {
			t.Fatal(err)
		}
	}
	assets, err := contract.GetAllAssets(alice)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, asset := range assets {
		ids = append(ids, asset.ID)
	}
	if len(ids) != 3 || ids[0] != "a" || ids[1] != "b" || ids[2] != "c" {
		t.Fatalf("ids %v", ids)
	}
}

func TestAppraisalStaysInTheOwnersImplicitCollection(t *testing.T) {
	stub := &fakeStub{state: map[string][]byte{}, private: map[string]map[string][]byte{}}
	contract := &AssetContract{}
	alice := contextOf(stub, "Org1MSP", "alice")
	bob := contextOf(stub, "Org2MSP", "bob")
	if _, err := contract.CreateAsset(alice, "a1", "blue", 5, 300); err != nil {
		t.Fatal(err)
	}
	if err := contract.SetAppraisal(alice, "a1"); err == nil || err.Error() != `give the appraisal of asset a1 in the transient map under "appraisal"` {
		t.Fatalf("an appraisal without transient data: %v", err)
	}
	stub.transient = map[string][]byte{"appraisal": []byte("350")}
	if err := contract.SetAppraisal(bob, "a1"); err == nil || err.Error() != "bob@Org2MSP may not appraise asset a1: it is owned by alice@Org1MSP" {
		t.Fatalf("an appraisal by a non-owner: %v", err)
	}
	if err := contract.SetAppraisal(alice, "a1"); err != nil {
		t.Fatal(err)
	}
	if string(stub.private["_implicit_org_Org1MSP"]["a1"]) != "350" || stub.state["a1"] == nil {
		t.Fatalf("private %v", stub.private)
	}
	if value, err := contract.ReadAppraisal(alice, "a1"); err != nil || value != "350" {
		t.Fatalf("alice reads %q, %v", value, err)
	}
	if _, err := contract.ReadAppraisal(bob, "a1"); err == nil || err.Error() != "no appraisal of asset a1 in _implicit_org_Org2MSP" {
		t.Fatalf("bob reads his own organization's collection: %v", err)
	}
	hash, err := contract.AppraisalHash(bob, "Org1MSP", "a1")
	sum := sha256.Sum256([]byte("350"))
	if err != nil || hash != hex.EncodeToString(sum[:]) {
		t.Fatalf("hash %s, %v", hash, err)
	}
}

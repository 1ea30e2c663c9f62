package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hyperledger/fabric-contract-api-go/v2/contractapi"
)

// Owner is who may change an asset: the creator's organization and X.509 identity.
type Owner struct {
	MSPID string `json:"MSPID"`
	ID    string `json:"ID"`
}

// Asset is stored as JSON under its ID; encoding/json writes struct fields in this order on every peer.
type Asset struct {
	AppraisedValue int    `json:"AppraisedValue"`
	Color          string `json:"Color"`
	ID             string `json:"ID"`
	Owner          Owner  `json:"Owner"`
	Size           int    `json:"Size"`
}

// AssetContract keeps assets that only their owner may change.
type AssetContract struct {
	contractapi.Contract
}

// CreateAsset stores a new asset owned by the caller and emits AssetCreated.
func (c *AssetContract) CreateAsset(ctx contractapi.TransactionContextInterface, id string, color string, size int, appraisedValue int) (*Asset, error) {
	existing, err := ctx.GetStub().GetState(id)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		return nil, fmt.Errorf("the asset %s already exists", id)
	}
	owner, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	asset := &Asset{AppraisedValue: appraisedValue, Color: color, ID: id, Owner: owner, Size: size}
	return asset, write(ctx, "AssetCreated", asset)
}

// ReadAsset returns the stored asset.
func (c *AssetContract) ReadAsset(ctx contractapi.TransactionContextInterface, id string) (*Asset, error) {
	bytes, err := ctx.GetStub().GetState(id)
	if err != nil {
		return nil, err
	}
	if bytes == nil {
		return nil, fmt.Errorf("the asset %s does not exist", id)
	}
	var asset Asset
	if err := json.Unmarshal(bytes, &asset); err != nil {
		return nil, err
	}
	return &asset, nil
}

// AssetExists tells whether an asset is stored under id.
func (c *AssetContract) AssetExists(ctx contractapi.TransactionContextInterface, id string) (bool, error) {
	bytes, err := ctx.GetStub().GetState(id)
	return bytes != nil, err
}

// TransferAsset gives the asset to a new owner; only its owner may.
func (c *AssetContract) TransferAsset(ctx contractapi.TransactionContextInterface, id string, newOwnerMSPID string, newOwnerID string) error {
	asset, err := c.owned(ctx, id, "transfer")
	if err != nil {
		return err
	}
	asset.Owner = Owner{MSPID: newOwnerMSPID, ID: newOwnerID}
	return write(ctx, "AssetTransferred", asset)
}

// DeleteAsset removes the asset; only its owner may.
func (c *AssetContract) DeleteAsset(ctx contractapi.TransactionContextInterface, id string) error {
	asset, err := c.owned(ctx, id, "delete")
	if err != nil {
		return err
	}
	if err := ctx.GetStub().DelState(id); err != nil {
		return err
	}
	payload, _ := json.Marshal(asset)
	return ctx.GetStub().SetEvent("AssetDeleted", payload)
}

// GetAllAssets lists every asset in key order (a range query over the whole namespace).
func (c *AssetContract) GetAllAssets(ctx contractapi.TransactionContextInterface) ([]*Asset, error) {
	iterator, err := ctx.GetStub().GetStateByRange("", "")
	if err != nil {
		return nil, err
	}
	defer iterator.Close()
	assets := []*Asset{}
	for iterator.HasNext() {
		result, err := iterator.Next()
		if err != nil {
			return nil, err
		}
		var asset Asset
		if err := json.Unmarshal(result.Value, &asset); err != nil {
			return nil, err
		}
		assets = append(assets, &asset)
	}
	return assets, nil
}

// SetAppraisal keeps the owner's appraisal of an asset private to the owner's organization, in its implicit
// collection: the value comes in the transient map under "appraisal", so neither the orderer nor the block ever
// holds it, only its hash.
func (c *AssetContract) SetAppraisal(ctx contractapi.TransactionContextInterface, id string) error {
	if _, err := c.owned(ctx, id, "appraise"); err != nil {
		return err
	}
	transient, err := ctx.GetStub().GetTransient()
	if err != nil {
		return err
	}
	appraisal, ok := transient["appraisal"]
	if !ok || len(appraisal) == 0 {
		return fmt.Errorf("give the appraisal of asset %s in the transient map under \"appraisal\"", id)
	}
	collection, err := callerCollection(ctx)
	if err != nil {
		return err
	}
	return ctx.GetStub().PutPrivateData(collection, id, appraisal)
}

// ReadAppraisal returns the caller's organization's appraisal of an asset, from its implicit collection.
func (c *AssetContract) ReadAppraisal(ctx contractapi.TransactionContextInterface, id string) (string, error) {
	collection, err := callerCollection(ctx)
	if err != nil {
		return "", err
	}
	appraisal, err := ctx.GetStub().GetPrivateData(collection, id)
	if err != nil {
		return "", err
	}
	if appraisal == nil {
		return "", fmt.Errorf("no appraisal of asset %s in %s", id, collection)
	}
	return string(appraisal), nil
}

// AppraisalHash returns the hash (hex) of an organization's appraisal of an asset: any organization may compare
// it with a value it was told, without reading the value.
func (c *AssetContract) AppraisalHash(ctx contractapi.TransactionContextInterface, mspID string, id string) (string, error) {
	hash, err := ctx.GetStub().GetPrivateDataHash(implicitCollection(mspID), id)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(hash), nil
}

// WhoAmI returns the caller as an owner, to name the recipient of a transfer.
func (c *AssetContract) WhoAmI(ctx contractapi.TransactionContextInterface) (*Owner, error) {
	owner, err := caller(ctx)
	return &owner, err
}

func (c *AssetContract) owned(ctx contractapi.TransactionContextInterface, id string, action string) (*Asset, error) {
	asset, err := c.ReadAsset(ctx, id)
	if err != nil {
		return nil, err
	}
	who, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if who != asset.Owner {
		return nil, fmt.Errorf("%s may not %s asset %s: it is owned by %s", nameOf(who), action, id, nameOf(asset.Owner))
	}
	return asset, nil
}

// nameOf is an owner as people read it, name@MSP: the common name from the identity fabric-chaincode-go's cid
// gives (base64 of "x509::<subject>::<issuer>"), or the ID itself when it is not one.
func nameOf(owner Owner) string {
	id := owner.ID
	if decoded, err := base64.StdEncoding.DecodeString(id); err == nil {
		id = string(decoded)
	}
	subject := strings.SplitN(strings.TrimPrefix(id, "x509::"), "::", 2)[0]
	for _, part := range strings.FieldsFunc(subject, func(r rune) bool { return r == ',' || r == '/' }) {
		if name, found := strings.CutPrefix(strings.TrimSpace(part), "CN="); found {
			return name + "@" + owner.MSPID
		}
	}
	return owner.ID + "@" + owner.MSPID
}

// implicitCollection is an organization's implicit private data collection, which every chaincode has without
// defining it (core/common/privdata: "_implicit_org_" + MSP ID).
func implicitCollection(mspID string) string {
	return "_implicit_org_" + mspID
}

func callerCollection(ctx contractapi.TransactionContextInterface) (string, error) {
	mspID, err := ctx.GetClientIdentity().GetMSPID()
	return implicitCollection(mspID), err
}

func caller(ctx contractapi.TransactionContextInterface) (Owner, error) {
	mspID, err := ctx.GetClientIdentity().GetMSPID()
	if err != nil {
		return Owner{}, err
	}
	id, err := ctx.GetClientIdentity().GetID()
	if err != nil {
		return Owner{}, err
	}
	return Owner{MSPID: mspID, ID: id}, nil
}

func write(ctx contractapi.TransactionContextInterface, event string, asset *Asset) error {
	bytes, err := json.Marshal(asset)
	if err != nil {
		return err
	}
	if err := ctx.GetStub().PutState(asset.ID, bytes); err != nil {
		return err
	}
	return ctx.GetStub().SetEvent(event, bytes)
}

// Package ccaas implements the three steps of Fabric's external builder contract for chaincode that runs
// as a service (docs/source/cc_service.md, "External builders and launchers" in Fabric's documentation):
// the peer runs detect, then build, then release, and connects to the address the released connection.json
// names instead of launching anything itself.
package ccaas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// BuilderConfigEnv names the variable whose JSON object fills the templates in connection.json's string fields.
const BuilderConfigEnv = "CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"

// Connection is connection.json: how the peer reaches the chaincode server.
type Connection struct {
	Address            string `json:"address"`
	DialTimeout        string `json:"dial_timeout"`
	TLSRequired        bool   `json:"tls_required"`
	ClientAuthRequired bool   `json:"client_auth_required"`
	RootCert           string `json:"root_cert"`
	ClientKey          string `json:"client_key"`
	ClientCert         string `json:"client_cert"`
}

type metadata struct {
	Type string `json:"type"`
}

func packageType(metadataDir string) (string, error) {
	file := filepath.Join(metadataDir, "metadata.json")
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s not readable: %w", file, err)
	}
	var md metadata
	if err := json.Unmarshal(raw, &md); err != nil {
		return "", fmt.Errorf("%s is not valid JSON: %w", file, err)
	}
	return strings.ToLower(md.Type), nil
}

// Detect accepts a package whose metadata.json has type "ccaas" (or Fabric's older alias "remote").
func Detect(metadataDir string) (string, error) {
	kind, err := packageType(metadataDir)
	if err != nil {
		return "", err
	}
	if kind != "ccaas" && kind != "remote" {
		return "", fmt.Errorf("chaincode type not supported: %q", kind)
	}
	return kind, nil
}

// Build copies the package metadata and the source's META-INF to outputDir, and writes outputDir/connection.json
// with every string field rendered as a Go template over builderConfig (a JSON object; may be empty).
func Build(sourceDir, metadataDir, outputDir, builderConfig string) error {
	kind, err := packageType(metadataDir)
	if err != nil {
		return err
	}
	if kind != "ccaas" {
		return fmt.Errorf("chaincode type should be ccaas, it is %q", kind)
	}
	if err := copyTree(metadataDir, outputDir); err != nil {
		return fmt.Errorf("copying build metadata: %w", err)
	}
	metaInf := filepath.Join(sourceDir, "META-INF")
	if _, err := os.Stat(metaInf); err == nil {
		if err := copyTree(metaInf, filepath.Join(outputDir, "META-INF")); err != nil {
			return fmt.Errorf("copying META-INF: %w", err)
		}
	}
	src := filepath.Join(sourceDir, "connection.json")
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("connection.json not found in the chaincode package: %w", err)
	}
	raw, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var in Connection
	if err := json.Unmarshal(raw, &in); err != nil {
		return fmt.Errorf("%s is not valid JSON: %w", src, err)
	}
	out, err := render(in, builderConfig)
	if err != nil {
		return err
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outputDir, "connection.json"), data, info.Mode())
}

func render(in Connection, builderConfig string) (Connection, error) {
	var cfg map[string]interface{}
	if builderConfig != "" {
		if err := json.Unmarshal([]byte(builderConfig), &cfg); err != nil {
			return Connection{}, fmt.Errorf("%s is not a JSON object: %w", BuilderConfigEnv, err)
		}
	}
	var out Connection
	fields := []struct {
		name    string
		src     string
		dst     *string
		onlyTLS bool
	}{
		{"address", in.Address, &out.Address, false},
		{"dial_timeout", in.DialTimeout, &out.DialTimeout, false},
		{"root_cert", in.RootCert, &out.RootCert, true},
		{"client_key", in.ClientKey, &out.ClientKey, true},
		{"client_cert", in.ClientCert, &out.ClientCert, true},
	}
	for _, f := range fields {
		if f.onlyTLS && !in.TLSRequired {
			continue
		}
		value, err := execTemplate(f.src, cfg)
		if err != nil {
			return Connection{}, fmt.Errorf("connection.json field %s: %w", f.name, err)
		}
		*f.dst = value
	}
	if in.TLSRequired {
		out.TLSRequired = true
		out.ClientAuthRequired = in.ClientAuthRequired
	}
	return out, nil
}

func execTemplate(text string, cfg map[string]interface{}) (string, error) {
	t, err := template.New("").Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, cfg); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Release puts the built connection.json at releaseDir/chaincode/server/connection.json, where the peer looks
// for it, and the package's CouchDB index definitions (META-INF/statedb) at releaseDir/statedb.
func Release(buildOutputDir, releaseDir string) error {
	statedb := filepath.Join(buildOutputDir, "META-INF", "statedb")
	if _, err := os.Stat(statedb); err == nil {
		if err := copyTree(statedb, filepath.Join(releaseDir, "statedb")); err != nil {
			return fmt.Errorf("copying META-INF/statedb: %w", err)
		}
	}
	src := filepath.Join(buildOutputDir, "connection.json")
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("connection.json not found in the build output: %w", err)
	}
	serverDir := filepath.Join(releaseDir, "chaincode", "server")
	if err := os.MkdirAll(serverDir, 0o750); err != nil {
		return fmt.Errorf("creating %s: %w", serverDir, err)
	}
	return copyFile(src, filepath.Join(serverDir, "connection.json"), 0o644)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm()|0o700)
		case d.Type().IsRegular():
			return copyFile(path, target, info.Mode().Perm())
		default:
			return errors.New("unsupported file type in chaincode package: " + path)
		}
	})
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

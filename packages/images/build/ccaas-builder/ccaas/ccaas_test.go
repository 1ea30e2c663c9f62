package ccaas

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	for kind, ok := range map[string]bool{"ccaas": true, "CCAAS": true, "remote": true, "golang": false} {
		write(t, filepath.Join(dir, "metadata.json"), `{"type":"`+kind+`","label":"x"}`)
		if _, err := Detect(dir); (err == nil) != ok {
			t.Errorf("Detect(type %q): err = %v, want ok = %v", kind, err, ok)
		}
	}
	if _, err := Detect(t.TempDir()); err == nil {
		t.Error("Detect without metadata.json: want an error")
	}
}

func TestBuildAndRelease(t *testing.T) {
	src, md, out, rel := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	write(t, filepath.Join(md, "metadata.json"), `{"type":"ccaas","label":"basic_1.0"}`)
	write(t, filepath.Join(src, "connection.json"),
		`{"address":"{{.peername}}-basic:9999","dial_timeout":"10s","tls_required":false,"root_cert":"ignored"}`)
	write(t, filepath.Join(src, "META-INF", "statedb", "couchdb", "indexes", "owner.json"), `{"index":{}}`)

	if err := Build(src, md, out, `{"peername":"peer0"}`); err != nil {
		t.Fatalf("Build: %v", err)
	}
	for _, f := range []string{"metadata.json", "META-INF/statedb/couchdb/indexes/owner.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build output lacks %s: %v", f, err)
		}
	}
	var conn Connection
	raw, _ := os.ReadFile(filepath.Join(out, "connection.json"))
	if err := json.Unmarshal(raw, &conn); err != nil {
		t.Fatal(err)
	}
	if conn.Address != "peer0-basic:9999" || conn.DialTimeout != "10s" || conn.RootCert != "" {
		t.Errorf("rendered connection = %+v", conn)
	}

	if err := Release(out, rel); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if _, err := os.Stat(filepath.Join(rel, "chaincode", "server", "connection.json")); err != nil {
		t.Error("release lacks chaincode/server/connection.json")
	}
	if _, err := os.Stat(filepath.Join(rel, "statedb", "couchdb", "indexes", "owner.json")); err != nil {
		t.Error("release lacks statedb/couchdb/indexes/owner.json")
	}
}

func TestBuildErrors(t *testing.T) {
	src, md := t.TempDir(), t.TempDir()
	write(t, filepath.Join(md, "metadata.json"), `{"type":"golang"}`)
	if err := Build(src, md, t.TempDir(), ""); err == nil || !strings.Contains(err.Error(), "should be ccaas") {
		t.Errorf("Build of a golang package: err = %v", err)
	}
	write(t, filepath.Join(md, "metadata.json"), `{"type":"ccaas"}`)
	if err := Build(src, md, t.TempDir(), ""); err == nil || !strings.Contains(err.Error(), "connection.json not found") {
		t.Errorf("Build without connection.json: err = %v", err)
	}
	write(t, filepath.Join(src, "connection.json"), `{"address":"{{.missing}}:1"}`)
	if err := Build(src, md, t.TempDir(), `{}`); err == nil || !strings.Contains(err.Error(), "address") {
		t.Errorf("Build with an unknown template key: err = %v", err)
	}
	if err := Release(t.TempDir(), t.TempDir()); err == nil {
		t.Error("Release without connection.json: want an error")
	}
}

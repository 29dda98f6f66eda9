// Package pgtest gives tests a real PostgreSQL database.
//
// When WARTA_TEST_POSTGRES holds the URL of a server (its "postgres"
// maintenance database, e.g. postgres://test@127.0.0.1:55432/postgres),
// each test gets a fresh database on that server. Otherwise the first test
// that asks starts a private server from the Debian PostgreSQL binaries
// (/usr/lib/postgresql/*/bin: initdb in a temporary directory, loopback
// port, stopped by Run when the package's tests end). When neither is
// possible the test is skipped with the reason — or fails, when
// WARTA_REQUIRE_POSTGRES=1 (as in CI), so a missing server cannot hide.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

var server struct {
	once    sync.Once
	admin   string // URL of the maintenance database
	err     error
	stop    func()
	counter int
	mu      sync.Mutex
}

// Run runs a package's tests and then stops the private server, if one was
// started: call it from TestMain as os.Exit(pgtest.Run(m)).
func Run(m *testing.M) int {
	code := m.Run()
	if server.stop != nil {
		server.stop()
	}
	return code
}

// URL returns the URL of a new, empty database, dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	server.once.Do(func() { server.admin, server.stop, server.err = start() })
	if server.err != nil {
		if os.Getenv("WARTA_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL required (WARTA_REQUIRE_POSTGRES=1) but unavailable: %v", server.err)
		}
		t.Skipf("no PostgreSQL for this test: %v (set WARTA_TEST_POSTGRES or install Debian's postgresql)", server.err)
	}
	server.mu.Lock()
	server.counter++
	name := fmt.Sprintf("warta_t%d_%d_%d", os.Getpid(), server.counter, rand.IntN(1_000_000))
	server.mu.Unlock()
	admin, err := sql.Open("pgx", server.admin)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", server.admin)
		if err != nil {
			return
		}
		defer a.Close()
		a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, _ := url.Parse(server.admin)
	u.Path = "/" + name
	return u.String()
}

func start() (admin string, stop func(), err error) {
	if u := os.Getenv("WARTA_TEST_POSTGRES"); u != "" {
		return u, nil, nil
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		return "", nil, fmt.Errorf("no initdb under /usr/lib/postgresql/*/bin")
	}
	sort.Slice(bins, func(i, j int) bool { return version(bins[i]) < version(bins[j]) })
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "warta-pgtest-")
	if err != nil {
		return "", nil, err
	}
	// initdb refuses to run as root: run the server as the postgres user.
	var runAs []string
	if os.Geteuid() == 0 {
		pu, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(pu.Uid)
		gid, _ := strconv.Atoi(pu.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return "", nil, err
		}
		runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) error {
		full := append(append([]string{}, runAs...), args...)
		out, err := exec.Command(full[0], full[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", filepath.Base(args[0]), err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run(filepath.Join(bin, "initdb"), "-D", data, "-U", "test", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if err := run(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop = func() {
		run(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
	admin = fmt.Sprintf("postgres://test@127.0.0.1:%d/postgres?sslmode=disable", port)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", admin)
	if err == nil {
		err = db.PingContext(ctx)
		db.Close()
	}
	if err != nil {
		stop()
		return "", nil, err
	}
	return admin, stop, nil
}

// version orders /usr/lib/postgresql/N/bin paths by N.
func version(p string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(p))))
	return n
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

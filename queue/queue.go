// Package queue carries Warta's work items over NATS JetStream, so that
// any number of stateless workers on any number of machines ingest into
// one shared store (PostgreSQL, or an SQLite file for workers on one
// machine).
//
// Enqueue takes sources (files, directories, globs, URLs) and publishes
// one work item per input (ingest.Work, as JSON) to the stream's work
// subject. Worker.Run pulls items, reads and codes them in parallel
// (ingest.Prepare), and commits them strictly in stream order
// (ingest.Commit, store.WriteTurn): the stream's progress is advanced in
// the same transaction as the items' articles and events, so the store
// ends up exactly as a single-process ingest of the same inputs in the
// same order leaves it, an item delivered twice is stored once, and a
// worker killed at any point loses nothing — its unacknowledged items are
// delivered again after the ack wait. Inputs that fail (unreadable,
// malformed items, items that keep killing workers) are recorded in the
// store and copied to the dead-letter subject with the reason.
package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultStream is the stream name used when none is given.
const DefaultStream = "WARTA"

// Names are the NATS names derived from a stream name.
type Names struct {
	Stream     string // work stream, e.g. WARTA (work-queue retention)
	Work       string // its subject, e.g. warta.work
	DeadStream string // dead-letter stream, e.g. WARTA_DEAD (kept)
	Dead       string // its subject, e.g. warta.dead
	Consumer   string // the workers' shared durable consumer
}

// NamesOf derives the subjects and streams of a stream name.
func NamesOf(stream string) Names {
	if stream == "" {
		stream = DefaultStream
	}
	low := strings.ToLower(stream)
	return Names{Stream: stream, Work: low + ".work", DeadStream: stream + "_DEAD", Dead: low + ".dead", Consumer: "workers"}
}

// Connect connects to a NATS server and its JetStream.
func Connect(ctx context.Context, url, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.Timeout(10*time.Second),
		nats.MaxReconnects(-1), nats.ReconnectWait(time.Second))
	if err != nil {
		return nil, nil, fmt.Errorf("connect to NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("JetStream at %s: %w", url, err)
	}
	return nc, js, nil
}

// Ensure creates the work and dead-letter streams when they do not exist
// (and leaves existing ones as they are configured).
func Ensure(ctx context.Context, js jetstream.JetStream, n Names) (jetstream.Stream, error) {
	work, err := js.Stream(ctx, n.Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		work, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name: n.Stream, Subjects: []string{n.Work},
			Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
			Description: "Warta work items: one input each, processed in order of sequence",
		})
	}
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", n.Stream, err)
	}
	if _, err := js.Stream(ctx, n.DeadStream); errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name: n.DeadStream, Subjects: []string{n.Dead},
			Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage,
			Description: "Warta work items that failed, with the reason in the Warta-Reason header",
		})
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", n.DeadStream, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("stream %s: %w", n.DeadStream, err)
	}
	return work, nil
}

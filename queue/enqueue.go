package queue

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/warta-id/warta/ingest"
)

// Enqueued counts what Enqueue published.
type Enqueued struct {
	Items    int `json:"items"`
	Articles int `json:"articles"` // article and page items
	URLs     int `json:"urls"`
	Rejects  int `json:"rejects"` // inputs that could not be read, published to be recorded
}

// Enqueue expands sources with in (see ingest.Ingester.Expand) and
// publishes each input as a work item, in order. An item larger than the
// server accepts is published as a reject naming the problem instead, so
// it is recorded rather than lost.
func Enqueue(ctx context.Context, nc *nats.Conn, js jetstream.JetStream, n Names, in *ingest.Ingester, sources []string) (Enqueued, error) {
	var c Enqueued
	if _, err := Ensure(ctx, js, n); err != nil {
		return c, err
	}
	limit := int(nc.MaxPayload()) - 1024 // room for headers
	var pending []jetstream.PubAckFuture
	wait := func() error {
		select {
		case <-js.PublishAsyncComplete():
		case <-ctx.Done():
			return ctx.Err()
		}
		for _, f := range pending {
			select {
			case err := <-f.Err():
				return fmt.Errorf("publish to %s: %w", n.Work, err)
			default:
			}
		}
		pending = pending[:0]
		return nil
	}
	err := in.Expand(ctx, sources, func(w ingest.Work) error {
		b, err := json.Marshal(w)
		if err != nil {
			return fmt.Errorf("%s: encode work item: %w", w.Name, err)
		}
		if len(b) > limit {
			w = ingest.Work{Name: w.Name, Kind: ingest.KindReject, Reject: &ingest.Failure{Failed: true, Reason: "too-large-for-queue",
				Detail: fmt.Sprintf("%s: %d bytes as a work item, more than the NATS server's max_payload allows (%d)", w.Name, len(b), nc.MaxPayload())}}
			if b, err = json.Marshal(w); err != nil {
				return err
			}
		}
		f, err := js.PublishAsync(n.Work, b)
		if err != nil {
			return fmt.Errorf("%s: publish: %w", w.Name, err)
		}
		pending = append(pending, f)
		c.Items++
		switch w.Kind {
		case ingest.KindArticle, ingest.KindPage:
			c.Articles++
		case ingest.KindURL:
			c.URLs++
		case ingest.KindReject:
			c.Rejects++
		}
		if len(pending) >= 256 {
			return wait()
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	return c, wait()
}

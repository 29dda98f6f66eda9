package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/warta-id/warta/store"
)

// Status is the state of a stream and of the workers committing it.
type Status struct {
	Stream      string         `json:"stream"`
	Depth       uint64         `json:"depth"`       // items in the stream: waiting or in flight
	Waiting     uint64         `json:"waiting"`     // not yet delivered to a worker
	InFlight    int            `json:"in_flight"`   // delivered, not yet acknowledged
	Redelivered int            `json:"redelivered"` // in flight again after a worker let go or died
	Dead        uint64         `json:"dead"`        // items in the dead-letter stream
	Committed   uint64         `json:"committed"`   // sequence of the last item committed to the store
	Workers     []WorkerStatus `json:"workers"`
	Store       string         `json:"store"`
	At          time.Time      `json:"at"`
}

// WorkerStatus is what one worker has done.
type WorkerStatus struct {
	Name        string    `json:"name"`
	Items       int64     `json:"items"`
	Articles    int64     `json:"articles"`
	Events      int64     `json:"events"`
	Dead        int64     `json:"dead"`
	LastSeen    time.Time `json:"last_seen"`
	ArticlesSec float64   `json:"articles_per_second"` // over the time it spent working on its items
}

// Stat reads a stream's state from NATS at url and the workers' from s.
func Stat(ctx context.Context, url string, n Names, s *store.Store) (Status, error) {
	st := Status{Stream: n.Stream, Store: s.Path(), At: time.Now().UTC()}
	nc, js, err := Connect(ctx, url, "warta status")
	if err != nil {
		return st, err
	}
	defer nc.Close()
	stream, err := js.Stream(ctx, n.Stream)
	if err != nil {
		return st, fmt.Errorf("stream %s: %w", n.Stream, err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("stream %s: %w", n.Stream, err)
	}
	st.Depth = info.State.Msgs
	if c, err := stream.Consumer(ctx, n.Consumer); err == nil {
		if ci, err := c.Info(ctx); err == nil {
			st.Waiting, st.InFlight, st.Redelivered = ci.NumPending, ci.NumAckPending, ci.NumRedelivered
		}
	} else {
		st.Waiting = info.State.Msgs
	}
	if dead, err := js.Stream(ctx, n.DeadStream); err == nil {
		if di, err := dead.Info(ctx); err == nil {
			st.Dead = di.State.Msgs
		}
	}
	if st.Committed, err = s.QueueProgress(ctx, n.Stream); err != nil {
		return st, err
	}
	ws, err := s.Workers(ctx)
	if err != nil {
		return st, err
	}
	for _, w := range ws {
		ws := WorkerStatus{Name: w.Name, Items: w.Items, Articles: w.Articles, Events: w.Events, Dead: w.Dead, LastSeen: w.LastSeen}
		if w.Busy > 0 {
			ws.ArticlesSec = float64(w.Articles) / w.Busy.Seconds()
		}
		st.Workers = append(st.Workers, ws)
	}
	return st, nil
}

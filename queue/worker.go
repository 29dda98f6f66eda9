package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/store"
)

// Worker pulls work items from a stream, processes them and commits them
// to a store in stream order.
type Worker struct {
	Name     string // shown by warta status; unique per worker
	JS       jetstream.JetStream
	Names    Names
	Ingester *ingest.Ingester // over Store
	Store    *store.Store
	// Threads is how many items are read and coded at once (1 when 0);
	// run one worker per core rather than many threads.
	Threads int
	// Fetch is how many items are pulled at a time (16 when 0).
	Fetch int
	// AckWait is how long the server waits for an item's acknowledgement
	// before delivering it again (30s when 0); a worker holding items
	// tells the server it is still working on them well within it.
	AckWait time.Duration
	// MaxAckPending bounds the items delivered and not yet acknowledged,
	// across all workers (back-pressure; 1024 when 0). Keep it above
	// workers × 8 × Fetch.
	MaxAckPending int
	// MaxDeliver is how many times workers may start on the next item to
	// commit (counted in the store, so a worker that dies on it counts)
	// before it is sent to the dead-letter subject as a poison item; and
	// how many deliveries an item failing for now (a fetch) gets (5 when 0).
	MaxDeliver int
	// Drain makes Run return once the stream is empty and nothing is in
	// flight (for backfills and tests); otherwise it runs until ctx ends.
	Drain bool
	// Grace is how long Run keeps committing after ctx ends before it
	// hands the remaining items back (10s when 0).
	Grace time.Duration
	Log   io.Writer

	next atomic.Uint64 // the next item to commit: the stream's progress + 1
}

// held is one delivered item in a worker's hands.
type held struct {
	msg       jetstream.Msg
	seq       uint64
	delivered uint64
	prepared  *ingest.Prepared
	dead      string        // why it goes to the dead-letter subject without processing
	busy      time.Duration // time spent preparing it
}

func (w *Worker) defaults() {
	if w.Threads <= 0 {
		w.Threads = 1
	}
	if w.Fetch <= 0 {
		w.Fetch = 16
	}
	if w.AckWait <= 0 {
		w.AckWait = 30 * time.Second
	}
	if w.MaxAckPending <= 0 {
		w.MaxAckPending = 1024
	}
	if w.MaxDeliver <= 0 {
		w.MaxDeliver = 5
	}
	if w.Grace <= 0 {
		w.Grace = 10 * time.Second
	}
	if w.Log == nil {
		w.Log = io.Discard
	}
}

func (w *Worker) logf(format string, args ...any) {
	fmt.Fprintf(w.Log, "worker %s: "+format+"\n", append([]any{w.Name}, args...)...)
}

// Consumer creates or updates the workers' shared pull consumer.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	w.defaults()
	stream, err := Ensure(ctx, w.JS, w.Names)
	if err != nil {
		return nil, err
	}
	c, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: w.Names.Consumer, AckPolicy: jetstream.AckExplicitPolicy,
		AckWait: w.AckWait, MaxAckPending: w.MaxAckPending, MaxDeliver: -1,
		FilterSubject: w.Names.Work, DeliverPolicy: jetstream.DeliverAllPolicy,
		Description: "Warta workers",
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s on %s: %w", w.Names.Consumer, w.Names.Stream, err)
	}
	return c, nil
}

// Run works until ctx ends (then, within Grace, commits what it can and
// hands the rest back) or, with Drain, until the stream is empty.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	cons, err := w.Consumer(ctx)
	if err != nil {
		return err
	}
	stream, err := w.JS.Stream(ctx, w.Names.Stream)
	if err != nil {
		return err
	}
	var (
		mu    sync.Mutex
		hands = map[uint64]*held{} // delivered, not yet acknowledged, by sequence
		ready = map[uint64]*held{} // prepared, waiting for their turn
	)
	fetchCtx, stopFetch := context.WithCancel(context.Background())
	defer stopFetch()
	go func() {
		<-ctx.Done()
		stopFetch()
	}()
	toPrepare := make(chan *held, w.Fetch*2)
	var prepWG sync.WaitGroup
	for i := 0; i < w.Threads; i++ {
		prepWG.Add(1)
		go func() {
			defer prepWG.Done()
			for h := range toPrepare {
				w.prepare(fetchCtx, h)
				mu.Lock()
				ready[h.seq] = h
				mu.Unlock()
			}
		}()
	}
	next := &w.next
	next.Store(1)
	var moved atomic.Int64 // when the progress last moved (UnixNano)
	moved.Store(time.Now().UnixNano())
	sinceMove := func() time.Duration { return time.Since(time.Unix(0, moved.Load())) }
	fetchDone := make(chan struct{})
	idle := make(chan struct{}, 1)
	go func() {
		defer close(fetchDone)
		defer close(toPrepare)
		for fetchCtx.Err() == nil {
			// Hold at most 4 fetches' worth of items — unless the next item
			// to commit is not among them and the stream has not moved for
			// a while: then its worker may have died or let go of it, and
			// fetching more is how it gets here. Past 8 fetches' worth,
			// the items furthest ahead are handed back to make room.
			mu.Lock()
			n := len(hands)
			_, haveNext := hands[next.Load()]
			if n >= w.Fetch*8 {
				w.handBackFurthest(hands, ready, n-w.Fetch*6)
			}
			mu.Unlock()
			if n >= w.Fetch*4 && (haveNext || sinceMove() < w.AckWait/2) {
				sleep(fetchCtx, 20*time.Millisecond)
				continue
			}
			batch, err := cons.Fetch(w.Fetch, jetstream.FetchMaxWait(500*time.Millisecond))
			if err != nil {
				if fetchCtx.Err() == nil {
					w.logf("fetch: %v", err)
					sleep(fetchCtx, time.Second)
				}
				continue
			}
			got := 0
			for m := range batch.Messages() {
				meta, err := m.Metadata()
				if err != nil {
					m.Term()
					continue
				}
				h := &held{msg: m, seq: meta.Sequence.Stream, delivered: meta.NumDelivered}
				mu.Lock()
				hands[h.seq] = h
				mu.Unlock()
				toPrepare <- h
				got++
			}
			if got == 0 && w.Drain {
				select {
				case idle <- struct{}{}:
				default:
				}
			}
		}
	}()

	// The committer: this goroutine.
	var stopAt time.Time
	// Keep-alive, on its own goroutine so a long commit cannot delay it:
	// still working on everything held, so the server must not deliver it
	// to another worker.
	keepDone := make(chan struct{})
	defer close(keepDone)
	go func() {
		t := time.NewTicker(w.AckWait / 4)
		defer t.Stop()
		for {
			select {
			case <-keepDone:
				return
			case <-t.C:
				mu.Lock()
				for _, h := range hands {
					h.msg.InProgress()
				}
				mu.Unlock()
			}
		}
	}()
	var progress uint64
	for {
		if ctx.Err() != nil && stopAt.IsZero() {
			stopAt = time.Now().Add(w.Grace)
			w.logf("stopping: committing what is ready for up to %s", w.Grace)
		}
		p, err := w.Store.QueueProgress(context.Background(), w.Names.Stream)
		if err != nil {
			w.logf("%v", err)
			if !stopAt.IsZero() && time.Now().After(stopAt) {
				break
			}
			time.Sleep(time.Second)
			continue
		}
		if p != progress {
			progress = p
			moved.Store(time.Now().UnixNano())
		}
		next.Store(progress + 1)
		// Items committed already (delivered again): acknowledge.
		mu.Lock()
		for seq, h := range ready {
			if seq <= progress {
				h.msg.Ack()
				delete(ready, seq)
				delete(hands, seq)
			}
		}
		var run []*held
		for seq := progress + 1; len(run) < 32; seq++ {
			h, ok := ready[seq]
			if !ok {
				break
			}
			run = append(run, h)
		}
		nHands, nReady := len(hands), len(ready)
		mu.Unlock()

		if len(run) > 0 {
			committed, err := w.commit(run)
			if committed > 0 {
				mu.Lock()
				for _, h := range run[:committed] {
					h.msg.Ack()
					delete(ready, h.seq)
					delete(hands, h.seq)
				}
				mu.Unlock()
			}
			if errors.Is(err, errHandedBack) {
				mu.Lock()
				delete(ready, run[0].seq)
				delete(hands, run[0].seq)
				mu.Unlock()
			} else if err != nil && !errors.Is(err, store.ErrNotYourTurn) {
				w.logf("commit %d..%d: %v", run[0].seq, run[len(run)-1].seq, err)
				time.Sleep(500 * time.Millisecond)
			}
			continue
		}
		if sinceMove() > 2*w.AckWait && nHands > 0 {
			w.skipGap(stream, progress)
			moved.Store(time.Now().UnixNano())
		}
		if !stopAt.IsZero() && (nHands == 0 || time.Now().After(stopAt)) {
			break
		}
		if w.Drain && nHands == 0 {
			select {
			case <-idle:
				if w.drained(cons) {
					stopFetch()
					<-fetchDone
					prepWG.Wait()
					mu.Lock()
					left := len(hands)
					mu.Unlock()
					if left == 0 {
						return nil
					}
					// items arrived meanwhile: commit them too
					stopAt = time.Now().Add(w.Grace)
				}
			default:
			}
		}
		if nReady == 0 {
			// nothing of ours can be committed: ask the store less often
			time.Sleep(50 * time.Millisecond)
		} else {
			time.Sleep(5 * time.Millisecond)
		}
	}
	stopFetch()
	<-fetchDone
	prepWG.Wait()
	mu.Lock()
	n := len(hands)
	for _, h := range hands {
		h.msg.Nak() // handed back at once to the other workers
	}
	mu.Unlock()
	if n > 0 {
		w.logf("handed back %d items", n)
	}
	return nil
}

// handBackFurthest gives the server back the k held items furthest ahead
// in the stream that are not being prepared, for other workers to take.
func (w *Worker) handBackFurthest(hands, ready map[uint64]*held, k int) {
	seqs := make([]uint64, 0, len(ready))
	for s := range ready {
		seqs = append(seqs, s)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] > seqs[j] })
	for _, s := range seqs[:min(k, len(seqs))] {
		hands[s].msg.NakWithDelay(time.Second)
		delete(hands, s)
		delete(ready, s)
	}
}

// drained reports whether nothing is left to deliver or acknowledge.
func (w *Worker) drained(cons jetstream.Consumer) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	info, err := cons.Info(ctx)
	return err == nil && info.NumPending == 0 && info.NumAckPending == 0
}

// prepare decodes and processes one delivered item.
func (w *Worker) prepare(ctx context.Context, h *held) {
	start := time.Now()
	defer func() {
		h.busy = time.Since(start)
		if r := recover(); r != nil {
			h.prepared = w.Ingester.Prepare(ctx, rejectWork(w.Names, h.seq, "internal-error", fmt.Sprintf("internal error while processing: %v", r)))
		}
	}()
	// Only the next item to commit is counted: items further ahead are
	// handed back and delivered again in the normal course (a worker
	// making room, stopping, or dying), so their delivery count says
	// nothing about them. The count lives in the store, raised before the
	// work starts, so a worker dying on the item leaves it raised.
	if h.delivered > 1 && h.seq == w.next.Load() {
		n, err := w.Store.Attempt(ctx, w.Names.Stream, h.seq)
		if err == nil && n > w.MaxDeliver {
			w.logf("item %d: started %d times without being committed: giving up on it", h.seq, n)
			h.prepared = w.Ingester.Prepare(ctx, rejectWork(w.Names, h.seq, "gave-up",
				fmt.Sprintf("workers started on it %d times without committing it (it kills them?)", n-1)))
			return
		}
	}
	var work ingest.Work
	if err := json.Unmarshal(h.msg.Data(), &work); err != nil || work.Name == "" {
		if err == nil {
			err = errors.New("no name")
		}
		h.prepared = w.Ingester.Prepare(ctx, rejectWork(w.Names, h.seq, "bad-work-item", fmt.Sprintf("not a Warta work item: %v", err)))
		return
	}
	h.prepared = w.Ingester.Prepare(ctx, work)
}

// rejectWork is a work item recording a message that could not be taken
// as one, named after its place in the stream.
func rejectWork(n Names, seq uint64, reason, detail string) ingest.Work {
	name := fmt.Sprintf("nats:%s#%d", n.Stream, seq)
	return ingest.Work{Name: name, Kind: ingest.KindReject, Reject: &ingest.Failure{Failed: true, Reason: reason, Detail: name + ": " + detail}}
}

// errHandedBack: the run's first item failed for now and was handed back
// to the server for a later delivery.
var errHandedBack = errors.New("handed back for a later try")

// commit stores a run of consecutive prepared items, sending their
// failures to the dead-letter subject first. It returns how many of the
// run's items were committed; an item that failed transiently and has
// deliveries left is handed back for a later try, and the run stops
// before it.
func (w *Worker) commit(run []*held) (int, error) {
	ctx := context.Background()
	for i, h := range run {
		if h.prepared.Transient() && h.delivered < uint64(w.MaxDeliver) {
			if i == 0 {
				backoff := time.Duration(h.delivered) * time.Second
				h.msg.NakWithDelay(backoff)
				w.logf("%s: failed for now, tried again in %s", h.prepared.Work.Name, backoff)
				return 0, errHandedBack
			}
			run = run[:i]
			break
		}
	}
	dead := 0
	var busy time.Duration
	ps := make([]*ingest.Prepared, len(run))
	for i, h := range run {
		ps[i] = h.prepared
		busy += h.busy
		for k, f := range h.prepared.Failures() {
			msg := nats.NewMsg(w.Names.Dead)
			msg.Data = h.msg.Data()
			msg.Header.Set("Warta-Reason", f.Reason)
			msg.Header.Set("Warta-Detail", f.Detail)
			msg.Header.Set("Warta-Input", h.prepared.Work.Name)
			msg.Header.Set("Warta-Sequence", fmt.Sprint(h.seq))
			msg.Header.Set("Warta-Worker", w.Name)
			// the id makes a second delivery's copy a duplicate JetStream drops
			if _, err := w.JS.PublishMsg(ctx, msg, jetstream.WithMsgID(fmt.Sprintf("%s-%d-%d", w.Names.Stream, h.seq, k))); err != nil {
				return 0, fmt.Errorf("dead-letter %s: %w", h.prepared.Work.Name, err)
			}
			dead++
		}
	}
	turn := store.Turn{Stream: w.Names.Stream, First: run[0].seq, Last: run[len(run)-1].seq, Worker: w.Name, Dead: dead, Busy: busy}
	if err := w.Ingester.Commit(ctx, ps, turn); err != nil {
		return 0, err
	}
	return len(run), nil
}

// skipGap moves the progress past an item that no longer exists in the
// stream (deleted or purged by an operator), which would otherwise hold up
// every later item for good.
func (w *Worker) skipGap(stream jetstream.Stream, progress uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	next := progress + 1
	_, err := stream.GetMsg(ctx, next)
	if !errors.Is(err, jetstream.ErrMsgNotFound) {
		return
	}
	w.logf("item %d is gone from %s: skipping it", next, w.Names.Stream)
	turn := store.Turn{Stream: w.Names.Stream, First: next, Last: next, Worker: w.Name}
	if err := w.Store.WriteTurn(ctx, nil, turn); err != nil && !errors.Is(err, store.ErrNotYourTurn) {
		w.logf("skip %d: %v", next, err)
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// Command warta turns Indonesian news articles into political event data.
//
//	warta code [flags] [FILE ...]     code events (JSON lines on stdout)
//	warta ingest [flags] SOURCE ...   extract, deduplicate, code and store in SQLite
//	warta enqueue --nats URL SOURCE   work items for distributed workers
//	warta worker --nats URL --db DSN  ingest queued items into a shared store
//	warta status --nats URL --db DSN  queue depth, in flight, dead letters, workers
//	warta extract FILE.html ...       the article in saved HTML pages
//	warta serve [--db warta.db]       API and web pages over a database
//	warta export --format F           stored events as PLOVER, GDELT, CSV or Parquet
//	warta demo                        sample articles ingested and served
//	warta eval events --gold GOLD.jsonl EVENTS.jsonl
//	warta bench [flags] [FILE ...]    throughput of the full pipeline
//
// Run "warta help" or "warta COMMAND -h" for details.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `warta — event data from Indonesian news

Usage:
  warta code [flags] [FILE ...]   code events; FILEs are .txt articles or .jsonl
                                  (one article a line); no FILE or "-" reads stdin
  warta ingest [flags] SOURCE ...  extract, deduplicate, code and store articles
                                  from files, directories, WARC archives, feeds
                                  and URLs into a SQLite database (warta.db)
  warta enqueue --nats URL SOURCE ...
                                  publish the inputs as work items to NATS JetStream
  warta worker --nats URL --db postgres://…
                                  ingest queued items into a store shared by any
                                  number of workers (SIGTERM stops gracefully)
  warta status --nats URL --db postgres://…
                                  queue depth, in flight, dead letters, per-worker rates
  warta extract FILE.html ...     the article found in saved HTML pages (JSON)
  warta serve [--db warta.db]     JSON API (/api/v1/) and web pages on 127.0.0.1:8080
  warta export --format plover|gdelt|csv|parquet [--db warta.db] [--out FILE] [filters]
                                  stored events as PLOVER JSONL, GDELT 2.0 TSV,
                                  CSV or Parquet
  warta demo                      the bundled sample articles in a fresh database,
                                  served on 127.0.0.1:8080
  warta kb lookup [--date D] NAME  what the knowledge base knows of a name
  warta kb place NAME             the places of that name, most populous first
  warta kb build                  regenerate data/kb from ../shared/data/kb
  warta train pos --train A.conllu,B.conllu [--legacy C.conllu] [--out FILE]
                                  train the part-of-speech tagger (reproducible)
  warta train ner --train A,B [--dev D] [--out FILE]
                                  train the named-entity recogniser (reproducible)
  warta eval events --gold GOLD.jsonl EVENTS.jsonl
                                  precision, recall and F1 against a gold set
  warta eval extract --fixtures DIR
                                  HTML extraction scores on saved pages
  warta bench [flags] [FILE ...]  articles/s and sentences/s of the full pipeline
  warta example                   print the bundled example article
  warta help                      this text

Run "warta COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "code":
		return cmdCode(args[1:], stdin, stdout, stderr)
	case "ingest":
		return cmdIngest(args[1:], stdout, stderr)
	case "enqueue":
		return cmdEnqueue(args[1:], stdout, stderr)
	case "worker":
		return cmdWorker(args[1:], stdout, stderr)
	case "status":
		return cmdStatus(args[1:], stdout, stderr)
	case "extract":
		return cmdExtract(args[1:], stdout, stderr)
	case "train":
		return cmdTrain(args[1:], stdout, stderr)
	case "kb":
		return cmdKB(args[1:], stdout, stderr)
	case "export":
		return cmdExport(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "demo":
		return cmdDemo(args[1:], stdout, stderr)
	case "eval":
		return cmdEval(args[1:], stdout, stderr)
	case "bench":
		return cmdBench(args[1:], stdout, stderr)
	case "example":
		fmt.Fprint(stdout, exampleArticle)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "warta: unknown command %q\n\n%s", args[0], usage)
	return 2
}

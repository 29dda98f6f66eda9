package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/source"
)

// publishedFlag reads the value of a command's --published flag ("" for
// none) with source.ParseDate; on a bad date it tells stderr, naming the
// command and the flag, and returns false.
func publishedFlag(cmd, value string, stderr io.Writer) (time.Time, bool) {
	if value == "" {
		return time.Time{}, true
	}
	t, err := source.ParseDate(value)
	if err != nil {
		fmt.Fprintf(stderr, "warta %s: --published: %v\n", cmd, err)
		return time.Time{}, false
	}
	return t, true
}

// parseScopeFlags registers --no-parse on fs, and --parse too when
// withScope; the function it returns, called after fs.Parse, gives the
// sentences the pipeline tags and parses (an unknown --parse name is an
// error even with --no-parse).
func parseScopeFlags(fs *flag.FlagSet, withScope bool) func() (pipeline.Scope, error) {
	noParse := fs.Bool("no-parse", false, "code without the dependency parse (faster; the coder then finds subjects and recipients by word order only)")
	name := string(pipeline.ScopeEvents)
	if withScope {
		fs.StringVar(&name, "parse", name, "sentences to tag and parse: events (those whose parse the event coder reads), all or none (same as --no-parse)")
	}
	return func() (pipeline.Scope, error) {
		scope, err := pipeline.ParseScope(name)
		if err != nil || !*noParse {
			return scope, err
		}
		return pipeline.ScopeNone, nil
	}
}

// stageFlags registers the flags that choose the analysis stages' scope
// on fs: --parse and --no-parse (see parseScopeFlags), --parser and
// --names. The function it returns, called after fs.Parse, sets
// opts.Parse, opts.Parser and opts.Names; its error names the flag at
// fault.
func stageFlags(fs *flag.FlagSet) func(opts *pipeline.Options) error {
	scopeOf := parseScopeFlags(fs, true)
	kind := fs.String("parser", string(pipeline.ParserTransition), "dependency parser: transition (fast) or biaffine (more accurate, slower)")
	names := fs.String("names", string(pipeline.NamesSentences), "sentences the named-entity recogniser labels before resolving: sentences (those with a name the knowledge base does not know), all, or none (the resolver then asks it about a few words around each unknown name: faster, same events)")
	return func(opts *pipeline.Options) error {
		scope, err := scopeOf()
		if err != nil {
			return fmt.Errorf("--parse: %w", err)
		}
		ns, err := pipeline.ParseNameScope(*names)
		if err != nil {
			return fmt.Errorf("--names: %w", err)
		}
		k, err := pipeline.ParseParserKind(*kind)
		if err != nil {
			return fmt.Errorf("--parser: %w", err)
		}
		opts.Parse, opts.Names, opts.Parser = scope, ns, k
		return nil
	}
}

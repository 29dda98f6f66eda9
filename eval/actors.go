package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/warta-id/warta/doc"
)

// ActorScore counts how many gold actor codes (or sectors) the resolver got.
type ActorScore struct {
	Total    int     `json:"total"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
}

func (s *ActorScore) add(ok bool) {
	s.Total++
	if ok {
		s.Correct++
	}
}

func (s *ActorScore) finish() {
	if s.Total > 0 {
		s.Accuracy = round(float64(s.Correct) / float64(s.Total))
	}
}

// ActorReport scores actor resolution: over the gold events the coder also
// found in the same sentence with the same type, how many of the gold
// actors' and recipients' country codes and sectors the resolver gave.
// Resolution is scored apart from event detection: a missed event does not
// count here (the event scores see it), a wrong actor does.
type ActorReport struct {
	GoldEvents    int          `json:"gold_events"`
	MatchedEvents int          `json:"matched_events"`
	Codes         ActorScore   `json:"codes"`
	Sectors       ActorScore   `json:"sectors"`
	Errors        []ActorError `json:"errors,omitempty"`
}

// ActorError is one gold actor the resolver got wrong.
type ActorError struct {
	ArticleID string `json:"article_id"`
	Role      string `json:"role"`
	Gold      string `json:"gold"`
	Got       string `json:"got"`
	Evidence  string `json:"evidence"`
}

// ReadEvents reads Warta's event JSONL (the output of `warta code`).
func ReadEvents(r io.Reader, name string) ([]doc.Event, error) {
	var out []doc.Event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var ev doc.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		out = append(out, ev)
	}
	return out, sc.Err()
}

// squash keeps letters and digits, lower-cased, so evidence quoted from
// re-detokenized text still matches.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Actors scores actor resolution (see ActorReport). Gold events are
// matched one to one with predicted events of the same article and type
// whose evidence sentence starts with the gold evidence, preferring the one
// whose parties share most codes with the gold event's.
func Actors(gold []GoldArticle, pred []doc.Event) ActorReport {
	byArticle := map[string][]int{}
	for i, ev := range pred {
		if ev.Negated || ev.Hypothetical {
			continue
		}
		byArticle[ev.ArticleID] = append(byArticle[ev.ArticleID], i)
	}
	var rep ActorReport
	for _, ga := range gold {
		used := map[int]bool{}
		for _, ge := range ga.Events {
			rep.GoldEvents++
			ev := squash(ge.Evidence)
			if ev == "" {
				continue
			}
			// Of the events of that type in that sentence (a sentence may
			// hold several: "X ingin berdialog dengan PM Jepang, yang akan
			// berkunjung ke Indonesia"), the one whose parties share the
			// most codes with the gold event's; the first on a tie.
			match, best := -1, -1
			for _, i := range byArticle[ga.ArticleID] {
				p := pred[i]
				if used[i] || p.EventType != ge.EventType {
					continue
				}
				if ps := squash(p.Evidence.Text); strings.HasPrefix(ps, ev) || strings.HasPrefix(ev, ps) {
					if n := sharedCodes(ge.Actor, p.Actor) + sharedCodes(ge.Recipient, p.Recipient); n > best {
						match, best = i, n
					}
				}
			}
			if match < 0 {
				continue
			}
			used[match] = true
			rep.MatchedEvents++
			p := pred[match]
			rep.role(ga.ArticleID, "actor", ge.Actor, ge.ActorSector, p.Actor, ge.Evidence)
			rep.role(ga.ArticleID, "recipient", ge.Recipient, ge.RecipientSector, p.Recipient, ge.Evidence)
		}
	}
	rep.Codes.finish()
	rep.Sectors.finish()
	return rep
}

// sharedCodes counts the ";"-separated gold codes found among actors.
func sharedCodes(gold string, actors []doc.Actor) int {
	n := 0
	for _, c := range strings.Split(gold, ";") {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		for _, a := range actors {
			if a.Code == c {
				n++
				break
			}
		}
	}
	return n
}

func (rep *ActorReport) role(article, role, goldCodes, goldSector string, got []doc.Actor, evidence string) {
	for _, code := range strings.Split(goldCodes, ";") {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		var found *doc.Actor
		for i := range got {
			if got[i].Code == code {
				found = &got[i]
				break
			}
		}
		rep.Codes.add(found != nil)
		var gotDesc []string
		for _, a := range got {
			gotDesc = append(gotDesc, strings.TrimSuffix(a.Code+" "+a.Sector, " "))
		}
		if found == nil {
			rep.Errors = append(rep.Errors, ActorError{article, role, code + " " + goldSector, strings.Join(gotDesc, ", "), evidence})
			continue
		}
		if goldSector != "" {
			ok := found.Sector == goldSector
			rep.Sectors.add(ok)
			if !ok {
				rep.Errors = append(rep.Errors, ActorError{article, role, code + " " + goldSector, strings.Join(gotDesc, ", "), evidence})
			}
		}
	}
}

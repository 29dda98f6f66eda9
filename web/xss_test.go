package web

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

// TestArticleMarkupIsEscaped ingests an article whose text carries markup
// and checks that no page lets it through as HTML.
func TestArticleMarkupIsEscaped(t *testing.T) {
	dir := t.TempDir()
	text := "Menlu <b>Retno</b> Marsudi <script>alert(1)</script> mengadakan pertemuan dengan Menlu Jepang di Tokyo, Senin (3/6), membahas keamanan maritim <img src=x onerror=alert(2)>.\n" +
		"Indonesia dan Jepang sepakat memperluas latihan bersama penjaga pantai \"><svg onload=alert(3)>.\n"
	if err := os.WriteFile(filepath.Join(dir, "xss-artikel.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s := storetest.Build(t, dir)
	evs, err := query.Events(context.Background(), s.DB(), query.Filter{}, query.Page{Sort: "date", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs.Events) == 0 {
		t.Fatal("the article gave no events")
	}
	srv := newServerDB(t, s)
	paths := []string{"/", "/?q=alert", "/?q=script", "/articles/xss-artikel", "/search?q=alert", "/search?q=script+alert",
		"/?place=%3Cscript%3Ealert(1)%3C/script%3E", "/?from=%3Cscript%3Ealert(1)%3C/script%3E", "/nothing%3Cscript%3E"}
	for _, ev := range evs.Events {
		paths = append(paths, "/events/"+strconv.FormatInt(ev.ID, 10))
	}
	sawEscaped := false
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			_, body, _ := get(t, srv.URL+p)
			for _, bad := range []string{"<script>alert", "<b>Retno", "<img src=x", "<svg onload", "onerror=alert(2)>"} {
				if strings.Contains(body, bad) {
					t.Errorf("GET %s: body contains %q", p, bad)
				}
			}
			if os.Getenv("WEB_DUMP") != "" {
				os.WriteFile(filepath.Join(os.TempDir(), "xss-"+strconv.Itoa(len(p))+".html"), []byte(body), 0o644)
			}
			if strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				sawEscaped = true
			}
		})
	}
	if !sawEscaped {
		t.Error("the escaped text shows on no page")
	}
}

package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/warta-id/warta/internal/storetest"
)

// chromiumPath finds the Chromium the end-to-end test drives.
func chromiumPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// TestE2E drives a headless Chromium through the pages: search, filter by
// type, open an event and an article, and checks the highlights and the
// three charts; it saves a full-page screenshot of each step in
// ../test-output/.
func TestE2E(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		t.Skip("chromium not installed; CI installs it")
	}
	if testing.Short() {
		t.Skip("end-to-end browser test skipped in -short mode")
	}
	s := storetest.Build(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: New(s.DB())}}
	srv.Start()
	defer srv.Close()

	outDir := filepath.Join("..", "test-output")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(outDir, "web-e2e-"+name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// follow runs an action that navigates (a click, a submit) and waits
	// for the new page to load.
	follow := func(step string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, a)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if resp == nil || resp.Status != 200 {
			t.Fatalf("%s: response %+v", step, resp)
		}
	}
	eval := func(step, js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return n
	}
	location := func() string {
		t.Helper()
		u, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	// 1. The front page: table and the three charts.
	do("open /", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#event-table")))
	for _, c := range []struct{ name, js string }{
		{"timeline bars", `document.querySelectorAll("#timeline rect.bar").length`},
		{"timeline size", `Math.round(document.querySelector("#timeline").getBoundingClientRect().height)`},
		{"network nodes", `document.querySelectorAll("#network .node circle").length`},
		{"network edges", `document.querySelectorAll("#network .edge path").length`},
		{"network size", `Math.round(document.querySelector("#network").getBoundingClientRect().height)`},
		{"map countries", `document.querySelectorAll("#basemap path").length`},
		{"map markers", `document.querySelectorAll("#map-world circle").length`},
		{"map size", `Math.round(document.querySelector("#map-world").getBoundingClientRect().height)`},
		{"map drawn", `Math.round(document.querySelector("#map-world use").getBBox().width)`},
		{"evidence marks", `document.querySelectorAll("#event-table td.evidence mark").length`},
	} {
		if n := eval(c.name, c.js); n <= 0 {
			t.Errorf("front page: %s = %d, want > 0", c.name, n)
		}
	}
	shot("01-index")

	// 2. Type in the search box and submit.
	do("type query", chromedp.SendKeys(chromedp.CSS("#q"), "pertemuan"))
	follow("submit query", chromedp.Click(chromedp.CSS("#apply")))
	do("wait results", chromedp.WaitVisible(chromedp.CSS("#event-table")))
	if u := location(); !strings.Contains(u, "q=pertemuan") {
		t.Errorf("after search: location %s lacks q=pertemuan", u)
	}
	txt, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#event-table")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt, "pertemuan") {
		t.Errorf("search results lack the word searched: %q", txt)
	}
	shot("02-search")

	// 3. Filter by type CONSULT (keeping the words) and submit.
	do("select CONSULT", chromedp.SetValue(chromedp.CSS("#type"), "CONSULT"))
	follow("submit type", chromedp.Click(chromedp.CSS("#apply")))
	do("wait filtered", chromedp.WaitVisible(chromedp.CSS("#event-table")))
	if u := location(); !strings.Contains(u, "type=CONSULT") {
		t.Errorf("after filter: location %s lacks type=CONSULT", u)
	}
	rows := eval("rows", `document.querySelectorAll("#event-table tr.event-row").length`)
	consult := eval("consult rows", `[...document.querySelectorAll("#event-table tr.event-row .etype")].filter(e => e.textContent === "CONSULT").length`)
	if rows == 0 || rows != consult {
		t.Errorf("filtered by CONSULT: %d rows, %d of them CONSULT", rows, consult)
	}
	shot("03-type-consult")

	// 4. Open the first event: its evidence is highlighted.
	follow("open event", chromedp.Click(chromedp.CSS("#event-table tr.event-row td.date a")))
	do("wait event", chromedp.WaitVisible(chromedp.CSS("#mentions mark")))
	if !strings.Contains(location(), "/events/") {
		t.Errorf("not on an event page: %s", location())
	}
	if n := eval("event marks", `document.querySelectorAll("#mentions blockquote.evidence mark").length`); n == 0 {
		t.Error("event page: no highlighted evidence")
	}
	if n := eval("mark visible", `Math.round(document.querySelector("#mentions mark").getBoundingClientRect().width)`); n <= 0 {
		t.Error("event page: the highlight has no width")
	}
	shot("04-event")

	// 5. Open the article of the first mention: event and entity spans.
	follow("open article", chromedp.Click(chromedp.CSS("#mentions .meta a")))
	do("wait article", chromedp.WaitVisible(chromedp.CSS("#article-text mark.ev")))
	if n := eval("event spans", `document.querySelectorAll("#article-text mark.ev").length`); n == 0 {
		t.Error("article page: no event spans")
	}
	if n := eval("entity spans", `document.querySelectorAll("#article-text .ent").length`); n == 0 {
		t.Error("article page: no entity spans")
	}
	shot("05-article")

	// 6. The map's Indonesia view (a CSS toggle, no script needed).
	do("open / again", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#map-world")))
	do("switch map", chromedp.Click(chromedp.CSS(`label[for="mv-indonesia"]`)), chromedp.WaitVisible(chromedp.CSS("#map-indonesia")))
	do("scroll to map", chromedp.ScrollIntoView(chromedp.CSS("#map-panel")))
	shot("06-map-indonesia")

	// 7. Article search with highlighted snippets.
	do("article search", chromedp.Navigate(srv.URL+"/search?q=Tokyo"), chromedp.WaitVisible(chromedp.CSS("#hits .snippet mark")))
	shot("07-search-articles")
}

package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/warta-id/warta/fetch"
)

func ExampleFetcher_Get() {
	// A news site that sends an ETag and honours If-None-Match.
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
		case "/rss":
			if r.Header.Get("If-None-Match") == `"edisi-42"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"edisi-42"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Kabar Kota</title></channel></rss>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()

	f := &fetch.Fetcher{Delay: 10 * time.Millisecond} // share one Fetcher program-wide
	ctx := context.Background()

	resp, err := f.Get(ctx, site.URL+"/rss", fetch.Validators{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Status, resp.ContentType, resp.Validators.ETag)
	fmt.Println(string(resp.Body))

	// Next poll: send back the validators; nothing changed.
	again, err := f.Get(ctx, site.URL+"/rss", resp.Validators)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(again.Status, again.NotModified, again.Body == nil)

	_, err = f.Get(ctx, site.URL+"/admin/", fetch.Validators{})
	fmt.Println(errors.Is(err, fetch.ErrDisallowed))
	// Output:
	// 200 application/rss+xml "edisi-42"
	// <rss version="2.0"><channel><title>Kabar Kota</title></channel></rss>
	// 304 true true
	// true
}

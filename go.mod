module github.com/warta-id/warta

go 1.26.8

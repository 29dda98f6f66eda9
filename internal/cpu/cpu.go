// Package cpu reads the CPU time of the running process, for benchmarks
// that report throughput per CPU-second: on a busy shared machine wall
// time understates a single goroutine's speed, CPU time does not.
package cpu

import (
	"syscall"
	"time"
)

// Time is the user+system CPU time of the process so far (0 when the
// system cannot tell).
func Time() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package testkit

import "sync"

// AtOnce runs the calls concurrently, released together so that they
// race, and returns their errors in order.
func AtOnce(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, fn := range fns {
		wg.Go(func() {
			<-start
			errs[i] = fn()
		})
	}
	close(start)
	wg.Wait()
	return errs
}

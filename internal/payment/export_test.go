package payment

// HoldConfirms keeps queued notifications from being applied until release
// is called, so a test can make them arrive together; release applies the
// queue in batches, as under load.
func HoldConfirms(s *Service) (release func()) {
	s.confirms.mu.Lock()
	s.confirms.draining += maxDrainers
	s.confirms.mu.Unlock()
	return func() {
		s.confirms.mu.Lock()
		s.confirms.draining -= maxDrainers
		start := min(maxDrainers, len(s.confirms.waiting))
		s.confirms.draining += start
		s.confirms.mu.Unlock()
		for range start {
			go s.drainConfirms()
		}
	}
}

// Queued is how many confirmations wait in the queue.
func Queued(s *Service) int {
	s.confirms.mu.Lock()
	defer s.confirms.mu.Unlock()
	return len(s.confirms.waiting)
}

// Batched is how many confirmations were applied in batches.
func Batched(s *Service) int64 { return s.confirms.batched.Load() }

package payment

import (
	"testing"
	"time"
)

func TestPollDelayBacksOff(t *testing.T) {
	t.Parallel()
	for asked, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour, time.Hour} {
		if got := PollDelay(asked); got != want {
			t.Errorf("PollDelay(%d) = %v, want %v", asked, got, want)
		}
	}
	if PollDelay(1000) != time.Hour {
		t.Fatal("the delay must stay capped at an hour")
	}
}

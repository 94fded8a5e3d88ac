package dashboard

import (
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/cst"
)

// window is a range cut into n equal buckets of step from start (an
// Asia/Shanghai midnight). China has no daylight saving, so every day is
// 24 hours and bucket i is simply [start + i*step, start + (i+1)*step):
// the store numbers rows by integer division of their Unix time.
type window struct {
	rng   Range
	start time.Time
	step  time.Duration
	n     int
}

// windowOf is the window of r at now. Errors: invalid (field range).
func windowOf(r Range, now time.Time) (window, error) {
	local := now.In(cst.Zone)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, cst.Zone)
	switch r {
	case RangeToday:
		return window{rng: r, start: today, step: time.Hour, n: local.Hour() + 1}, nil
	case Range7d:
		return window{rng: r, start: today.AddDate(0, 0, -6), step: 24 * time.Hour, n: 7}, nil
	case Range30d:
		return window{rng: r, start: today.AddDate(0, 0, -29), step: 24 * time.Hour, n: 30}, nil
	}
	return window{}, apperr.InvalidField("range", "must be one of: today 7d 30d")
}

// end is the first instant after the last bucket.
func (w window) end() time.Time { return w.start.Add(time.Duration(w.n) * w.step) }

// days are the first and last calendar day covered.
func (w window) days() (from, to string) {
	return w.start.Format(time.DateOnly), w.end().Add(-time.Nanosecond).Format(time.DateOnly)
}

// buckets are the empty series, labelled "10:00" by hour or "11-17" by day.
func (w window) buckets() []Bucket {
	layout := "01-02"
	if w.step == time.Hour {
		layout = "15:04"
	}
	out := make([]Bucket, w.n)
	for i := range out {
		at := w.start.Add(time.Duration(i) * w.step)
		out[i] = Bucket{Label: at.Format(layout), Start: at}
	}
	return out
}

// slot is the series position of a bucket number the store computed, or
// -1 outside the window (the queries only return rows inside it; this
// guards the slice).
func (w window) slot(bucketNo int64) int {
	if bucketNo < 0 || bucketNo >= int64(w.n) {
		return -1
	}
	return int(bucketNo)
}

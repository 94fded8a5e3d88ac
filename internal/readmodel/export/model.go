// Package export builds spreadsheet (xlsx) exports of admin lists in the
// background: the admin asks for one with the same filters as the list,
// a River job walks the rows with a cursor and streams them into a file,
// reporting progress as it goes, and the file can be downloaded until it
// expires.
//
// Like the other read models it reads any table (through the owners' Walk
// functions) and writes only its own.
//
// Tables: exports.
package export

import (
	"time"

	"fenxiao/internal/platform/cst"
)

// Kind names what is exported.
type Kind string

const (
	KindDistributors Kind = "distributors"
	KindCommissions  Kind = "commissions"
	KindWithdrawals  Kind = "withdrawals"
)

// Status is where an export is in its life.
type Status string

const (
	StatusQueued  Status = "queued"
	StatusRunning Status = "running"
	StatusDone    Status = "done"
	StatusFailed  Status = "failed"
	StatusExpired Status = "expired"
)

// Export is one requested spreadsheet.
type Export struct {
	ID              int64      `json:"id"`
	Kind            Kind       `json:"kind"`
	Filters         string     `json:"filters"`
	Status          Status     `json:"status"`
	RowsDone        int64      `json:"rows_done"`
	RowsTotal       int64      `json:"rows_total"`
	Percent         int        `json:"percent" gorm:"-"`
	FileName        string     `json:"-"`
	SizeBytes       int64      `json:"size_bytes"`
	Error           string     `json:"error"`
	RequestedBy     int64      `json:"requested_by"`
	RequestedByName string     `json:"requested_by_name"`
	CreatedAt       time.Time  `json:"created_at"`
	StartedAt       *time.Time `json:"started_at"`
	FinishedAt      *time.Time `json:"finished_at"`
	ExpiresAt       time.Time  `json:"expires_at"`
}

// TableName binds Export to its table.
func (Export) TableName() string { return "exports" }

// fill computes the progress percentage shown by the admin: 100 only when
// the file is ready, so a bar never reads "100%" while still writing.
func (e *Export) fill() {
	switch {
	case e.Status == StatusDone:
		e.Percent = 100
	case e.RowsTotal > 0:
		e.Percent = int(min(99, e.RowsDone*100/e.RowsTotal))
	}
}

// DownloadName is the file name offered to the browser.
func (e *Export) DownloadName() string {
	return "fenxiao-" + string(e.Kind) + "-" + e.CreatedAt.In(shanghai).Format("20060102-150405") + ".xlsx"
}

// shanghai is UTC+8 without daylight saving; a fixed zone needs no tzdata.
var shanghai = cst.Zone

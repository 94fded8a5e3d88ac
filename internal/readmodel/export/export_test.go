package export_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/readmodel/export"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// world is a distributor chain A <- B with three paid orders of B's buyers
// (six commission records) and one withdrawal of A.
type world struct {
	a    *testkit.App
	A, B *testkit.DistributorFixture
}

func newWorld(t *testing.T, dbURL string) *world {
	t.Helper()
	a := testkit.NewApp(t, dbURL)
	w := &world{a: a}
	w.A = a.DistributorUnder(t, "")
	w.B = a.DistributorUnder(t, w.A.Code)
	sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 12345)
	for i := 0; i < 3; i++ {
		buyer, addr := a.BuyerOf(t, w.B.Code)
		a.PayOrder(t, a.PlaceOrder(t, buyer, addr, 1, sku))
	}
	a.FundDistributor(t, w.A.ID, 10000)
	acct, err := a.Withdrawals.AddAccount(testkit.Ctx(), w.A.ShopperID, withdrawal.AccountInput{Kind: withdrawal.KindAlipay, Account: "13812348000", RealName: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Withdrawals.Request(testkit.Ctx(), w.A.ShopperID, withdrawal.RequestInput{Amount: 5000, PayoutAccountID: acct.ID}); err != nil {
		t.Fatal(err)
	}
	return w
}

// request starts an export over HTTP and builds it directly (the job's
// work), returning the finished export.
func (w *world) request(t *testing.T, c *testkit.Client, body map[string]any) export.Export {
	t.Helper()
	var e export.Export
	jobsBefore := w.a.OrderCount(t, "river_job", "kind = ?", "export.build")
	c.Do("POST", "/api/admin/exports", body).Expect(http.StatusOK).JSON(&e)
	if e.Status != export.StatusQueued {
		t.Fatalf("new export status = %s, want queued", e.Status)
	}
	if n := w.a.OrderCount(t, "river_job", "kind = ?", "export.build"); n != jobsBefore+1 {
		t.Fatalf("build jobs = %d, want %d (enqueued with the export)", n, jobsBefore+1)
	}
	if err := w.a.Exports.Build(testkit.Ctx(), e.ID); err != nil {
		t.Fatalf("build: %v", err)
	}
	c.Do("GET", fmt.Sprintf("/api/admin/exports/%d", e.ID), nil).Expect(http.StatusOK).JSON(&e)
	if e.Status != export.StatusDone || e.Percent != 100 || e.RowsDone != e.RowsTotal {
		t.Fatalf("after build: %+v", e)
	}
	return e
}

// download fetches the file over HTTP and returns its first sheet's rows.
func download(t *testing.T, c *testkit.Client, id int64) [][]string {
	t.Helper()
	res := c.Do("GET", fmt.Sprintf("/api/admin/exports/%d/download", id), nil).Expect(http.StatusOK)
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".xlsx") {
		t.Fatalf("Content-Disposition = %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestExportsHoldWhatTheListsShow(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL)
		c := w.a.AdminClient(t, adminauth.RoleOperator)
		defer export.SetBatchRows(2)() // several cursor windows per export

		tests := []struct {
			name    string
			body    map[string]any
			rows    int
			column  int    // a column to check in the first data row
			want    string // its raw value
			header0 string
		}{
			{"commissions of B", map[string]any{"kind": "commissions", "filters": map[string]any{"distributor_id": w.B.ID}}, 3, 8, "12.34", "ID"},
			{"tier-2 commissions of A", map[string]any{"kind": "commissions", "filters": map[string]any{"distributor_id": w.A.ID, "status": "pending"}}, 3, 8, "6.17", "ID"},
			{"all commissions, no filters", map[string]any{"kind": "commissions"}, 6, 4, "", "ID"},
			{"active distributors", map[string]any{"kind": "distributors", "filters": map[string]any{"status": "active"}}, 2, 3, w.B.Code, "ID"},
			{"B's team under A", map[string]any{"kind": "distributors", "filters": map[string]any{"parent_id": w.A.ID}}, 1, 0, fmt.Sprint(w.B.ID), "ID"},
			{"pending withdrawals", map[string]any{"kind": "withdrawals", "filters": map[string]any{"status": "pending"}}, 1, 3, "50", "ID"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := w.request(t, c, tt.body)
				rows := download(t, c, e.ID)
				if len(rows) != tt.rows+1 || e.RowsDone != int64(tt.rows) {
					t.Fatalf("rows = %d (export says %d), want header + %d", len(rows), e.RowsDone, tt.rows)
				}
				if rows[0][0] != tt.header0 {
					t.Fatalf("header = %v", rows[0])
				}
				if tt.want != "" && rows[1][tt.column] != tt.want {
					t.Fatalf("first row column %d = %q, want %q (row %v)", tt.column, rows[1][tt.column], tt.want, rows[1])
				}
				assertNewestFirst(t, rows[1:])
			})
		}
	})
}

func assertNewestFirst(t *testing.T, rows [][]string) {
	t.Helper()
	seen := map[string]bool{}
	for i, r := range rows {
		if seen[r[0]] {
			t.Fatalf("row id %s appears twice", r[0])
		}
		seen[r[0]] = true
		if i > 0 && len(r[0]) > len(rows[i-1][0]) || i > 0 && len(r[0]) == len(rows[i-1][0]) && r[0] >= rows[i-1][0] {
			t.Fatalf("rows not newest first: %s after %s", r[0], rows[i-1][0])
		}
	}
}

func TestExportMasksPersonalData(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL)
		c := w.a.AdminClient(t, adminauth.RoleSuper)
		for _, kind := range []string{"distributors", "withdrawals"} {
			e := w.request(t, c, map[string]any{"kind": kind})
			for _, r := range download(t, c, e.ID) {
				line := strings.Join(r, "|")
				if strings.Contains(line, "13812348000") || strings.Contains(line, "张三") {
					t.Fatalf("%s export leaks personal data: %s", kind, line)
				}
			}
		}
	})
}

func TestExportRequestRejectsBadInputAndStoresNothing(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL)
		c := w.a.AdminClient(t, adminauth.RoleOperator)
		tests := []struct {
			name  string
			body  any
			field string
		}{
			{"unknown kind", map[string]any{"kind": "shoppers"}, "kind"},
			{"missing kind", map[string]any{}, "kind"},
			{"unknown filter field", map[string]any{"kind": "commissions", "filters": map[string]any{"distributer_id": 1}}, "filters"},
			{"filters not an object", map[string]any{"kind": "withdrawals", "filters": []int{1}}, "filters"},
			{"bad status", map[string]any{"kind": "commissions", "filters": map[string]any{"status": "paid"}}, "status"},
			{"bad date", map[string]any{"kind": "commissions", "filters": map[string]any{"from": "2026-13-01"}}, "from"},
			{"bad phone", map[string]any{"kind": "distributors", "filters": map[string]any{"phone": "123"}}, "phone"},
			{"bad withdrawal status", map[string]any{"kind": "withdrawals", "filters": map[string]any{"status": "done"}}, "status"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := c.Do("POST", "/api/admin/exports", tt.body).Expect(http.StatusBadRequest)
				if !strings.Contains(string(res.Body), `"`+tt.field+`"`) {
					t.Fatalf("error does not name field %s: %s", tt.field, res.Body)
				}
			})
		}
		if n := w.a.OrderCount(t, "exports", "1 = 1"); n != 0 {
			t.Fatalf("%d exports stored after bad requests", n)
		}
		if n := w.a.OrderCount(t, "river_job", "kind = ?", "export.build"); n != 0 {
			t.Fatalf("%d build jobs enqueued after bad requests", n)
		}
	})
}

func TestExportAccessAndLifecycle(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL)
		c := w.a.AdminClient(t, adminauth.RoleOperator)
		shopper := w.a.SessionClient(session.KindShop, w.A.ShopperID)
		shopper.Do("POST", "/api/admin/exports", map[string]any{"kind": "commissions"}).Expect(http.StatusUnauthorized)
		w.a.Client().Do("GET", "/api/admin/exports", nil).Expect(http.StatusUnauthorized)

		var e export.Export
		c.Do("POST", "/api/admin/exports", map[string]any{"kind": "commissions"}).Expect(http.StatusOK).JSON(&e)
		if e.RowsTotal != 6 || e.Percent != 0 {
			t.Fatalf("queued export = %+v", e)
		}
		if code := c.Do("GET", fmt.Sprintf("/api/admin/exports/%d/download", e.ID), nil).Expect(http.StatusConflict).ErrorReason(); code != "export_not_ready" {
			t.Fatalf("download before build: %s", code)
		}
		c.Do("GET", "/api/admin/exports/99999", nil).Expect(http.StatusNotFound)
		if err := w.a.Exports.Build(testkit.Ctx(), e.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.a.Exports.Build(testkit.Ctx(), e.ID); err != nil { // a repeated job changes nothing
			t.Fatal(err)
		}
		download(t, c, e.ID)
		if n := w.a.OrderCount(t, "audit_log", "action IN (?, ?)", "export.request", "export.download"); n != 2 {
			t.Fatalf("audit entries = %d, want request + download", n)
		}
		var list struct{ Items []export.Export }
		c.Do("GET", "/api/admin/exports", nil).Expect(http.StatusOK).JSON(&list)
		if len(list.Items) != 1 || list.Items[0].Percent != 100 {
			t.Fatalf("list = %+v", list.Items)
		}

		// Past retention the file is deleted and the download refused.
		file := filepath.Join(w.a.Config.DataDir, "exports", fmt.Sprintf("commissions-%d.xlsx", e.ID))
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("export file: %v", err)
		}
		if err := w.a.DB.Gorm.Exec("UPDATE exports SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Minute).UTC(), e.ID).Error; err != nil {
			t.Fatal(err)
		}
		if out, err := w.a.Jobs.RunPeriodic(testkit.Ctx(), export.ExpireJob); err != nil || !strings.Contains(out, "expired 1") {
			t.Fatalf("expire: %q %v", out, err)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Fatalf("expired file still there: %v", err)
		}
		if code := c.Do("GET", fmt.Sprintf("/api/admin/exports/%d/download", e.ID), nil).Expect(http.StatusConflict).ErrorReason(); code != "export_expired" {
			t.Fatalf("download after expiry: %s", code)
		}
	})
}

// The River worker builds a requested export on its own.
func TestExportBuildsInTheBackground(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newWorld(t, dbURL)
		c := w.a.AdminClient(t, adminauth.RoleOperator)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := w.a.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer w.a.Jobs.Stop(context.Background())
		var e export.Export
		c.Do("POST", "/api/admin/exports", map[string]any{"kind": "distributors"}).Expect(http.StatusOK).JSON(&e)
		deadline := time.Now().Add(20 * time.Second)
		for e.Status != export.StatusDone {
			if time.Now().After(deadline) {
				t.Fatalf("export not built by the worker: %+v", e)
			}
			time.Sleep(100 * time.Millisecond)
			c.Do("GET", fmt.Sprintf("/api/admin/exports/%d", e.ID), nil).Expect(http.StatusOK).JSON(&e)
		}
		if rows := download(t, c, e.ID); len(rows) != 3 {
			t.Fatalf("rows = %d, want header + 2 distributors", len(rows))
		}
	})
}

package alipay_test

import (
	"context"
	"errors"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/platform/money"
)

var payee = alipayfake.Account{LogonID: "13800138000", UserID: "2088000000000042", RealName: "张三"}

func byLogon(no string, amount money.Fen, name string) alipay.TransferRequest {
	return alipay.TransferRequest{OutBizNo: no, Amount: amount, LogonID: payee.LogonID, RealName: name, Title: "推广佣金"}
}

func TestFundTransfer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name    string
		arrange func(e *env)
		req     alipay.TransferRequest
		want    error
	}{
		{name: "by logon id and real name", req: byLogon("TOK00000001", 12345, "张三")},
		{name: "by user id", req: alipay.TransferRequest{OutBizNo: "TOK00000002", Amount: 10, UserID: payee.UserID, Title: "推广佣金"}},
		{name: "wrong name", req: byLogon("TNAME000001", 100, "李四"), want: alipay.ErrPayeeNameMismatch},
		{name: "unknown account", req: alipay.TransferRequest{OutBizNo: "TNONE000001", Amount: 100, LogonID: "nobody@example.com",
			RealName: "王五", Title: "推广佣金"}, want: alipay.ErrPayeeNotExist},
		{name: "merchant balance short", arrange: func(e *env) { e.fake.FailNext("BALANCE_IS_NOT_ENOUGH", "余额不足") },
			req: byLogon("TPOOR000001", 100, "张三"), want: alipay.ErrInsufficientBalance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.fake.AddAccount(payee)
			if tt.arrange != nil {
				tt.arrange(e)
			}
			tr, err := e.client.FundTransfer(ctx, tt.req)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("FundTransfer = %v, want %v", err, tt.want)
				}
				if _, found := e.fake.Transfer(tt.req.OutBizNo); found {
					t.Error("a refused transfer was recorded")
				}
				return
			}
			if err != nil {
				t.Fatalf("FundTransfer: %v", err)
			}
			if tr.Status != alipay.TransferSuccess || tr.OrderID == "" || tr.Amount != tt.req.Amount || tr.PaidAt.IsZero() {
				t.Errorf("FundTransfer = %+v", tr)
			}
			if rec, _ := e.fake.Transfer(tt.req.OutBizNo); rec.Amount != int64(tt.req.Amount) {
				t.Errorf("fake moved %d fen, want %d", rec.Amount, tt.req.Amount)
			}
		})
	}
}

func TestFundTransferRetryAndQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.fake.AddAccount(payee)
	e.fake.HoldTransfers()
	first, err := e.client.FundTransfer(ctx, byLogon("TDEAL000001", 5000, "张三"))
	if err != nil || first.Status != alipay.TransferDealing {
		t.Fatalf("FundTransfer = %+v, %v; want DEALING", first, err)
	}
	again, err := e.client.FundTransfer(ctx, byLogon("TDEAL000001", 5000, "张三"))
	if err != nil || again.OrderID != first.OrderID {
		t.Fatalf("retry = %+v, %v; want order %s", again, err, first.OrderID)
	}
	if _, err := e.client.FundTransfer(ctx, byLogon("TDEAL000001", 6000, "张三")); !errors.Is(err, alipay.ErrInvalidRequest) {
		t.Errorf("reuse with another amount = %v, want ErrInvalidRequest", err)
	}
	if err := e.fake.CompleteTransfer("TDEAL000001"); err != nil {
		t.Fatal(err)
	}
	got, err := e.client.QueryTransfer(ctx, "TDEAL000001")
	if err != nil || got.Status != alipay.TransferSuccess || got.Amount != 5000 || got.OrderID != first.OrderID {
		t.Fatalf("QueryTransfer = %+v, %v", got, err)
	}
	if _, err := e.client.QueryTransfer(ctx, "TNOSUCH0001"); !errors.Is(err, alipay.ErrTransferNotExist) {
		t.Errorf("QueryTransfer(unknown) = %v, want ErrTransferNotExist", err)
	}
}

func TestFundTransferChecksBeforeCalling(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for name, req := range map[string]alipay.TransferRequest{
		"under 0.10 yuan":         byLogon("TCHECK00001", 9, "张三"),
		"logon id without a name": byLogon("TCHECK00001", 100, ""),
		"two identities":          {OutBizNo: "TCHECK00001", Amount: 100, LogonID: "a", UserID: "b", RealName: "x", Title: "t"},
		"no identity":             {OutBizNo: "TCHECK00001", Amount: 100, Title: "t"},
		"no title":                {OutBizNo: "TCHECK00001", Amount: 100, UserID: "2088", RealName: "x"},
		"no number":               {Amount: 100, UserID: "2088", Title: "t"},
	} {
		if _, err := e.client.FundTransfer(context.Background(), req); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if n := len(e.fake.Calls()); n != 0 {
		t.Errorf("fake got %d calls", n)
	}
}

package wechatpay_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/money"
)

func transferReq(no string, amount money.Fen, name string) wechatpay.TransferRequest {
	return wechatpay.TransferRequest{OutBillNo: no, OpenID: openID, UserName: name, Amount: amount, Remark: "6月推广佣金",
		SceneReports: []wechatpay.SceneReport{{Type: "岗位类型", Content: "推广员"}, {Type: "报酬说明", Content: "6月佣金"}}}
}

func TestTransferWaitsForTheUser(t *testing.T) {
	t.Parallel()
	for _, m := range []mode{modePublicKey, modeCert, modeCombined} {
		t.Run(string(m), func(t *testing.T) {
			e := newEnv(t, m)
			ctx := context.Background()
			tr, err := e.client.Transfer(ctx, transferReq("TFLOW000001", 250000, "张三"))
			if err != nil {
				t.Fatalf("Transfer: %v", err)
			}
			if tr.State != wechatpay.TransferWaitUserConfirm || tr.PackageInfo == "" || tr.TransferBillNo == "" || tr.Final() {
				t.Fatalf("Transfer = %+v", tr)
			}
			if p := e.client.ConfirmPayload(tr); p["package"] != tr.PackageInfo || p["mchId"] != mchID || p["appId"] != appID {
				t.Errorf("ConfirmPayload = %v", p)
			}
			// The real name travels encrypted, under the key the serial names.
			calls := e.fake.Calls()
			last := calls[len(calls)-1]
			if strings.Contains(string(last.Body), "张三") {
				t.Error("user_name went out in plain text")
			}
			wantSerial := pubKeyID
			if m == modeCert {
				wantSerial = wechatfake.CertSerial(keys().cert.SerialNumber)
			}
			if got := last.Header.Get("Wechatpay-Serial"); got != wantSerial {
				t.Errorf("Wechatpay-Serial = %q, want %q", got, wantSerial)
			}
			if rec, _ := e.fake.Transfer("TFLOW000001"); rec.UserName != "张三" || rec.Amount != 250000 || rec.SceneID != "1005" {
				t.Errorf("fake recorded %+v", rec)
			}
			got, err := e.client.QueryTransfer(ctx, "TFLOW000001")
			if err != nil || got.State != wechatpay.TransferWaitUserConfirm || got.Amount != 250000 {
				t.Fatalf("QueryTransfer = %+v, %v", got, err)
			}
			if err := e.fake.ConfirmTransfer("TFLOW000001"); err != nil {
				t.Fatal(err)
			}
			got, err = e.client.QueryTransfer(ctx, "TFLOW000001")
			if err != nil || got.State != wechatpay.TransferSuccess || !got.Final() || got.OpenID != openID {
				t.Fatalf("QueryTransfer after confirm = %+v, %v", got, err)
			}
		})
	}
}

func TestTransferRetryKeepsTheBill(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ctx := context.Background()
	first, err := e.client.Transfer(ctx, transferReq("TRETRY00001", 1000, ""))
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.client.Transfer(ctx, transferReq("TRETRY00001", 1000, ""))
	if err != nil || again.TransferBillNo != first.TransferBillNo {
		t.Fatalf("retry = %+v, %v; want bill %s", again, err, first.TransferBillNo)
	}
	if _, err := e.client.Transfer(ctx, transferReq("TRETRY00001", 2000, "")); !errors.Is(err, wechatpay.ErrInvalidRequest) {
		t.Errorf("reuse with another amount = %v, want ErrInvalidRequest", err)
	}
}

func TestTransferEnds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name      string
		act       func(e *env) (*wechatpay.Transfer, error)
		wantState string
		wantErr   error
	}{
		{"cancel while waiting", func(e *env) (*wechatpay.Transfer, error) { return e.client.CancelTransfer(ctx, "TEND0000001") },
			wechatpay.TransferCancelled, nil},
		{"cancel after success", func(e *env) (*wechatpay.Transfer, error) {
			_ = e.fake.ConfirmTransfer("TEND0000001")
			return e.client.CancelTransfer(ctx, "TEND0000001")
		}, wechatpay.TransferSuccess, wechatpay.ErrInvalidRequest},
		{"cancel unknown", func(e *env) (*wechatpay.Transfer, error) { return e.client.CancelTransfer(ctx, "TNOSUCH0001") },
			wechatpay.TransferWaitUserConfirm, wechatpay.ErrTransferNotExist},
		{"query unknown", func(e *env) (*wechatpay.Transfer, error) { return e.client.QueryTransfer(ctx, "TNOSUCH0001") },
			wechatpay.TransferWaitUserConfirm, wechatpay.ErrTransferNotExist},
		{"fails", func(e *env) (*wechatpay.Transfer, error) {
			_ = e.fake.FailTransfer("TEND0000001", "PAYEE_ACCOUNT_ABNORMAL")
			return e.client.QueryTransfer(ctx, "TEND0000001")
		}, wechatpay.TransferFail, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, modePublicKey)
			if _, err := e.client.Transfer(ctx, transferReq("TEND0000001", 800, "")); err != nil {
				t.Fatal(err)
			}
			_, err := tt.act(e)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got, err := e.client.QueryTransfer(ctx, "TEND0000001")
			if err != nil || got.State != tt.wantState {
				t.Errorf("state = %+v, %v; want %s", got, err, tt.wantState)
			}
			if got.State == wechatpay.TransferFail && got.FailReason == "" {
				t.Error("failed transfer has no reason")
			}
		})
	}
}

func TestTransferChecksBeforeCalling(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	noScene := e.cfg
	noScene.TransferSceneID = ""
	noSceneClient, err := wechatpay.New(context.Background(), noScene)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		client *wechatpay.Client
		req    wechatpay.TransferRequest
	}{
		{"2000 yuan without a name", e.client, transferReq("TCHECK00001", 200000, "")},
		{"a name under 0.30 yuan", e.client, transferReq("TCHECK00001", 29, "张三")},
		{"zero", e.client, transferReq("TCHECK00001", 0, "")},
		{"no remark", e.client, func() wechatpay.TransferRequest { r := transferReq("TCHECK00001", 100, ""); r.Remark = ""; return r }()},
		{"short bill number", e.client, transferReq("T1", 100, "")},
		{"no scene configured", noSceneClient, transferReq("TCHECK00001", 100, "")},
	}
	for _, tt := range tests {
		if _, err := tt.client.Transfer(context.Background(), tt.req); err == nil {
			t.Errorf("%s: want an error", tt.name)
		}
	}
	if n := len(e.fake.Calls()); n != 0 {
		t.Errorf("fake got %d calls", n)
	}
}

package alipay_test

import (
	"context"
	"errors"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/platform/money"
)

func TestTradeQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.openTrade(t, "POPEN000001", 1999)
	e.paidTrade(t, "PPAID000001", 1999)
	e.openTrade(t, "PDISC000001", 10000)
	if err := e.fake.MarkPaidWithDiscount("PDISC000001", 1); err != nil {
		t.Fatal(err)
	}
	e.openTrade(t, "PCLOSE00001", 500)
	if err := e.client.TradeClose(ctx, "PCLOSE00001"); err != nil {
		t.Fatalf("TradeClose: %v", err)
	}
	e.paidTrade(t, "PREFUND0001", 800)
	if _, err := e.client.TradeRefund(ctx, alipay.RefundRequest{OutTradeNo: "PREFUND0001", OutRequestNo: "R1", Amount: 800}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		no             string
		status         alipay.TradeStatus
		amount, buyer  money.Fen
		wantPaidFields bool
	}{
		{"POPEN000001", alipay.StatusPending, 1999, 0, false},
		{"PPAID000001", alipay.StatusPaid, 1999, 1999, true},
		{"PDISC000001", alipay.StatusPaid, 10000, 9999, true},
		{"PCLOSE00001", alipay.StatusClosed, 500, 0, false},
		{"PREFUND0001", alipay.StatusClosed, 800, 800, true}, // refunded in full
	}
	for _, tt := range tests {
		t.Run(tt.no, func(t *testing.T) {
			tr, err := e.client.TradeQuery(ctx, tt.no)
			if err != nil {
				t.Fatalf("TradeQuery: %v", err)
			}
			if tr.Status != tt.status || tr.Amount != tt.amount || tr.BuyerPayAmount != tt.buyer || tr.TradeNo == "" ||
				(tr.BuyerLogonID != "") != tt.wantPaidFields || tr.PaidAt.IsZero() == tt.wantPaidFields {
				t.Errorf("TradeQuery = %+v", tr)
			}
		})
	}
}

func TestTradeQueryBeforeTheBuyerOpensTheURL(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if _, err := e.client.WapPayURL(alipay.PayRequest{OutTradeNo: "PUNSEEN0001", Subject: "x", Amount: 1}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.TradeQuery(context.Background(), "PUNSEEN0001")
	var aerr *alipay.Error
	if !errors.Is(err, alipay.ErrTradeNotExist) || !errors.As(err, &aerr) || aerr.SubCode != "ACQ.TRADE_NOT_EXIST" {
		t.Errorf("TradeQuery = %v, want ErrTradeNotExist as *alipay.Error", err)
	}
}

func TestTradeClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.openTrade(t, "PCLOSE00002", 100)
	e.paidTrade(t, "PCLOSE00003", 100)
	tests := []struct {
		no   string
		want error
	}{
		{"PCLOSE00002", nil},
		{"PCLOSE00002", alipay.ErrTradeStatus}, // already closed
		{"PCLOSE00003", alipay.ErrTradeStatus}, // paid
		{"PCLOSE00404", alipay.ErrTradeNotExist},
	}
	for _, tt := range tests {
		if err := e.client.TradeClose(context.Background(), tt.no); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("TradeClose(%s) = %v, want %v", tt.no, err, tt.want)
		}
	}
}

func TestResponseChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		arrange func(e *env)
		want    error
	}{
		{"tampered signature", func(e *env) { e.fake.CorruptNextSignature() }, alipay.ErrSignature},
		{"unsigned success", func(e *env) { e.fake.OmitNextSignature() }, alipay.ErrSignature},
		{"system error", func(e *env) { e.fake.FailNext("ACQ.SYSTEM_ERROR", "系统错误") }, alipay.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.paidTrade(t, "PRESP000001", 100)
			tt.arrange(e)
			if _, err := e.client.TradeQuery(context.Background(), "PRESP000001"); !errors.Is(err, tt.want) {
				t.Fatalf("TradeQuery = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestWrongAppKeyIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cfg := e.cfg
	cfg.PrivateKey = alipayfake.PrivateKeyPEM(keys().alipay) // not the key registered with Alipay
	c, err := alipay.New(cfg, alipay.WithHTTPClient(e.http))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.TradeQuery(context.Background(), "PANY0000001")
	var aerr *alipay.Error
	if !errors.As(err, &aerr) || aerr.SubCode != "isv.invalid-signature" || !errors.Is(err, alipay.ErrInvalidRequest) {
		t.Errorf("TradeQuery = %v, want isv.invalid-signature", err)
	}
}

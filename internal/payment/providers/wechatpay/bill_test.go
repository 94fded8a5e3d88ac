package wechatpay_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/money"
)

func TestTradeBill(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ctx := context.Background()
	e.paidTrade(t, "PBILL000001", 1999)
	// A comma in the product name must not shift the columns.
	if _, err := e.client.Prepay(ctx, wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "PBILL000002",
		Description: "Tea, 2 boxes", Amount: 10001}); err != nil {
		t.Fatal(err)
	}
	if err := e.fake.MarkPaidWithCoupon("PBILL000002", 1); err != nil {
		t.Fatal(err)
	}
	e.prepay(t, wechatpay.MethodNative, "PBILL000003", 500) // unpaid: not in the bill
	mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PBILL000001", OutRefundNo: "RBILL1", Amount: 999, Total: 1999})

	bill, err := e.client.TradeBill(ctx, time.Now())
	if err != nil {
		t.Fatalf("TradeBill: %v", err)
	}
	type key struct{ no, state string }
	rows := map[key]wechatpay.BillRow{}
	for _, r := range bill.Rows {
		rows[key{r.OutTradeNo, r.TradeState}] = r
	}
	tests := []struct {
		key                   key
		settled, order, refnd money.Fen
		outRefundNo           string
	}{
		{key{"PBILL000001", "SUCCESS"}, 1999, 1999, 0, ""},
		{key{"PBILL000002", "SUCCESS"}, 10001, 10001, 0, ""},
		{key{"PBILL000001", "REFUND"}, 0, 0, 999, "RBILL1"},
	}
	for _, tt := range tests {
		r, found := rows[tt.key]
		if !found {
			t.Errorf("no row %v in %+v", tt.key, bill.Rows)
			continue
		}
		if r.SettledAmount != tt.settled || r.OrderAmount != tt.order || r.RefundAmount != tt.refnd ||
			r.OutRefundNo != tt.outRefundNo || r.IsRefund() != (tt.key.state == "REFUND") || r.TransactionID == "" || r.MchID != mchID {
			t.Errorf("row %v = %+v", tt.key, r)
		}
	}
	if len(bill.Rows) != 3 {
		t.Errorf("%d rows, want 3", len(bill.Rows))
	}
	want := wechatpay.BillSummary{Count: 3, SettledTotal: 12000, RefundTotal: 999, OrderTotal: 12000, FeeTotal: "0.66006"}
	if bill.Summary != want {
		t.Errorf("summary = %+v, want %+v", bill.Summary, want)
	}
}

func TestTradeBillFailures(t *testing.T) {
	t.Parallel()
	t.Run("no trades", func(t *testing.T) {
		e := newEnv(t, modePublicKey)
		if _, err := e.client.TradeBill(context.Background(), time.Now()); !errors.Is(err, wechatpay.ErrNoStatement) {
			t.Errorf("TradeBill = %v, want ErrNoStatement", err)
		}
	})
	t.Run("hash mismatch", func(t *testing.T) {
		e := newEnv(t, modePublicKey)
		e.paidTrade(t, "PBILL000009", 100)
		e.fake.CorruptBillHash()
		if _, err := e.client.TradeBill(context.Background(), time.Now()); err == nil || !strings.Contains(err.Error(), "SHA1") {
			t.Errorf("TradeBill = %v, want a SHA1 mismatch", err)
		}
	})
}

const billHead = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n"

func TestParseTradeBill(t *testing.T) {
	t.Parallel()
	row := func(amount string) string {
		return "`2025-01-01 10:00:00,`wx1,`1900000109,`0,`,`4200001,`P1,`o1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`" + amount +
			",`0.00,`0,`0,`0.00,`0.00,`,`,`Tea,`,`0.00600,`0.60%,`" + amount + ",`0.00,`\r\n"
	}
	totals := "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n`1,`1.00,`0.00,`0.00,`0.00600,`1.00,`0.00\r\n"
	tests := []struct {
		name    string
		in      string
		want    money.Fen
		wantErr bool
	}{
		{"plain", billHead + row("1.00") + totals, 100, false},
		{"with BOM", "\ufeff" + billHead + row("19.99") + totals, 1999, false},
		{"one decimal", billHead + row("0.5") + totals, 50, false},
		{"three decimals", billHead + row("1.001") + totals, 0, true},
		{"float syntax", billHead + row("1e2") + totals, 0, true},
		{"sign inside", billHead + row("1.+5") + totals, 0, true},
		{"missing column", strings.Replace(billHead, "应结订单金额", "金额", 1) + row("1.00"), 0, true},
		{"empty", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bill, err := wechatpay.ParseTradeBill([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && (len(bill.Rows) != 1 || bill.Rows[0].SettledAmount != tt.want || bill.Summary.Count != 1) {
				t.Errorf("bill = %+v", bill)
			}
		})
	}
}

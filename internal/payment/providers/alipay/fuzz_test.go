package alipay_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
)

// FuzzDecodeNotification feeds random forms to the notification decoder: it
// must never panic and must fail only with ErrInvalidNotification. With
// resign set the form is validly signed by the fake's Alipay key, so the
// fuzzer also explores the field checks after verification.
func FuzzDecodeNotification(f *testing.F) {
	e := newEnv(f)
	e.paidTrade(f, "PFUZZ000001", 1999)
	v, err := e.fake.PaymentNotification("PFUZZ000001")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v.Encode(), false)
	f.Add(v.Encode(), true)
	f.Add("app_id="+appID+"&out_trade_no=P1&trade_status=TRADE_SUCCESS&total_amount=1e3", true)
	f.Add("app_id="+appID+"&out_trade_no=P1&trade_status=TRADE_SUCCESS&total_amount=0.01&refund_fee=-", true)
	f.Add("sign=%ZZ&sign=a", false)
	f.Add("", true)
	f.Fuzz(func(t *testing.T, raw string, resign bool) {
		form, _ := url.ParseQuery(raw) // keeps what parsed
		if resign {
			e.fake.SignNotification(form)
		}
		n, err := e.client.DecodeNotification(context.Background(), form)
		if err != nil && !errors.Is(err, alipay.ErrInvalidNotification) {
			t.Fatalf("error %v does not match ErrInvalidNotification", err)
		}
		if err == nil && (n.OutTradeNo == "" || n.State == "" || n.Amount <= 0) {
			t.Fatalf("accepted an empty notification: %+v", n)
		}
	})
}

// FuzzParseBill: a bill from the network must never panic the parser.
func FuzzParseBill(f *testing.F) {
	f.Add([]byte(billCSV))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\xb6\xa9\xb5\xa5"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = alipay.ParseBill(data)
	})
}

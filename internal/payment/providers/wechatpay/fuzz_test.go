package wechatpay_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/wechatpay"
)

// FuzzParseNotification feeds random bodies and headers to the parser: it
// must never panic and must fail only with ErrInvalidNotification. With
// resign set the fuzzer's body gets a valid signature, so it also explores
// what happens after verification (the SDK panics on some signed bodies;
// ParseNotification must screen those out).
func FuzzParseNotification(f *testing.F) {
	e := newEnv(f, modePublicKey)
	e.paidTrade(f, "PFUZZ000001", 1999)
	n, err := e.fake.PaymentNotification("PFUZZ000001")
	if err != nil {
		f.Fatal(err)
	}
	h := n.Header
	f.Add(n.Body, h.Get("Wechatpay-Timestamp"), h.Get("Wechatpay-Nonce"), h.Get("Wechatpay-Serial"), h.Get("Wechatpay-Signature"), false)
	f.Add(n.Body, "", "", pubKeyID, "", true)
	f.Add([]byte(`{}`), "", "", pubKeyID, "", true)
	f.Add([]byte(`{"resource":null}`), "", "", pubKeyID, "", true)
	f.Add([]byte(`{"event_type":"TRANSACTION.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","nonce":"short","ciphertext":"AAAA"}}`), "", "", pubKeyID, "", true)
	f.Add([]byte(`{"event_type":"REFUND.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","nonce":"0123456789ab","ciphertext":"!!"}}`), "", "", pubKeyID, "", true)
	f.Add([]byte("null"), "0", "x", "", "", false)

	f.Fuzz(func(t *testing.T, body []byte, ts, nonce, serial, sig string, resign bool) {
		if resign {
			ts = strconv.FormatInt(time.Now().Unix(), 10)
			sig = signWithWechatKey(t, ts+"\n"+nonce+"\n"+string(body)+"\n")
		}
		r, err := http.NewRequest(http.MethodPost, notifyURL, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Wechatpay-Timestamp", ts)
		r.Header.Set("Wechatpay-Nonce", nonce)
		r.Header.Set("Wechatpay-Serial", serial)
		r.Header.Set("Wechatpay-Signature", sig)
		got, err := e.client.ParseNotification(context.Background(), r)
		if err != nil && !errors.Is(err, wechatpay.ErrInvalidNotification) {
			t.Fatalf("error %v does not match ErrInvalidNotification", err)
		}
		if err == nil && got.Trade == nil && got.Refund == nil && got.Transfer == nil {
			t.Fatalf("accepted a notification with no content: %+v", got)
		}
	})
}

func signWithWechatKey(t *testing.T, msg string) string {
	sum := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(rand.Reader, keys().wechatPub, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// FuzzParseTradeBill: a bill from the network must never panic the parser.
func FuzzParseTradeBill(f *testing.F) {
	f.Add([]byte(billHead + "`2025-01-01 10:00:00,`wx1,`1900000109,`0,`,`4200001,`P1,`o1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`1.00\r\n"))
	f.Add([]byte("\ufeff"))
	f.Add([]byte(billHead + "`\r\n总交易单数\r\n`x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = wechatpay.ParseTradeBill(data)
	})
}

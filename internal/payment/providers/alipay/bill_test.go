package alipay_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/platform/money"
)

func TestTradeBill(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.paidTrade(t, "PBILL000001", 1999)
	e.openTrade(t, "PBILL000002", 10001)
	if err := e.fake.MarkPaidWithDiscount("PBILL000002", 1); err != nil {
		t.Fatal(err)
	}
	e.openTrade(t, "PBILL000003", 500) // unpaid: not in the bill
	if _, err := e.client.TradeRefund(ctx, alipay.RefundRequest{OutTradeNo: "PBILL000001", OutRequestNo: "RBILL1", Amount: 999}); err != nil {
		t.Fatal(err)
	}
	bill, err := e.client.TradeBill(ctx, time.Now())
	if err != nil {
		t.Fatalf("TradeBill: %v", err)
	}
	tests := []struct {
		no, kind, requestNo string
		amount, received    money.Fen
	}{
		{"PBILL000001", "交易", "", 1999, 1999},
		{"PBILL000001", "退款", "RBILL1", 1999, -999},
		{"PBILL000002", "交易", "", 10001, 10001},
	}
	if len(bill.Rows) != len(tests) {
		t.Fatalf("%d rows, want %d: %+v", len(bill.Rows), len(tests), bill.Rows)
	}
	for i, tt := range tests {
		r := bill.Rows[i]
		if r.OutTradeNo != tt.no || r.Type != tt.kind || r.RefundRequestNo != tt.requestNo || r.Amount != tt.amount ||
			r.Received != tt.received || r.IsRefund() != (tt.kind == "退款") || r.TradeNo == "" || r.Subject != "Order "+tt.no || r.CreatedAt.IsZero() {
			t.Errorf("row %d = %+v", i, r)
		}
	}
}

func TestTradeBillNotExist(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if _, err := e.client.TradeBill(context.Background(), time.Now()); !errors.Is(err, alipay.ErrBillNotExist) {
		t.Errorf("TradeBill = %v, want ErrBillNotExist", err)
	}
}

const billCSV = "#支付宝业务明细查询\r\n#账号：[20886210000000010156]\r\n" +
	"支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n" +
	"2025010122001400001\t,P1\t,交易\t,\"Tea, 2 boxes\t\",2025-01-01 10:00:00\t,2025-01-01 10:00:05\t,\t,\t,\t,\t,138****0000\t,AMOUNT\t,19.99\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-0.12\t,0.00\t,\t\r\n" +
	"#-----------------------------------------业务明细列表结束------------------------------------\r\n#交易合计：1笔\r\n"

func TestParseBill(t *testing.T) {
	t.Parallel()
	csv := func(amount string) []byte { return bytes.Replace([]byte(billCSV), []byte("AMOUNT"), []byte(amount), 1) }
	gbk := func(b []byte) []byte {
		out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	zipped := func(files map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, content := range files {
			w, _ := zw.Create(name)
			_, _ = w.Write(content)
		}
		_ = zw.Close()
		return buf.Bytes()
	}
	summary := gbk([]byte("#汇总\r\n门店编号,门店名称,交易订单总笔数\r\n合计,,1\r\n"))
	tests := []struct {
		name    string
		in      []byte
		wantErr bool
	}{
		{"utf-8 csv", csv("19.99"), false},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), csv("19.99")...), false},
		{"gbk csv", gbk(csv("19.99")), false},
		{"zip of gbk files", zipped(map[string][]byte{"detail.csv": gbk(csv("19.99")), "summary.csv": summary}), false},
		{"zip without detail", zipped(map[string][]byte{"summary.csv": summary}), true},
		{"three decimals", csv("19.999"), true},
		{"float syntax", csv("2e1"), true},
		{"no header", []byte("#only comments\r\n"), true},
		{"broken zip", []byte("PK\x03\x04garbage"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bill, err := alipay.ParseBill(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if len(bill.Rows) != 1 {
				t.Fatalf("rows = %+v", bill.Rows)
			}
			r := bill.Rows[0]
			if r.Amount != 1999 || r.Received != 1999 || r.ServiceFee != -12 || r.Subject != "Tea, 2 boxes" || r.Type != "交易" {
				t.Errorf("row = %+v", r)
			}
		})
	}
}

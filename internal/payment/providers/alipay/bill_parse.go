package alipay

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"fenxiao/internal/platform/money"
)

// BillRow is one line of the "业务明细" (business detail) file.
type BillRow struct {
	TradeNo      string
	OutTradeNo   string
	Type         string // 交易 (payment) or 退款 (refund)
	Subject      string
	CreatedAt    time.Time
	FinishedAt   time.Time
	Counterparty string    // the buyer's masked account
	Amount       money.Fen // 订单金额（元）
	// Received is 商家实收（元）: what the merchant got; negative on refund rows.
	Received        money.Fen
	ServiceFee      money.Fen // 服务费（元）; negative means charged
	RefundRequestNo string    // 退款批次号/请求号: the refund's out_request_no
	Remark          string
}

// IsRefund reports whether the row records a refund.
func (r BillRow) IsRefund() bool { return r.Type == "退款" }

// Bill is a parsed Alipay trade bill.
type Bill struct{ Rows []BillRow }

var requiredBillColumns = []string{"支付宝交易号", "商户订单号", "业务类型", "订单金额（元）", "商家实收（元）"}

// A bill archive holds two files; anything far beyond that is not a bill.
const maxBillFiles = 16

// ParseBill parses what the bill URL serves: a zip of GBK CSV files (the
// detail file and a summary, which is skipped) or a single CSV, GBK or UTF-8.
func ParseBill(data []byte) (*Bill, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, isDetail, err := parseBillCSV(data)
		if err != nil {
			return nil, err
		}
		if !isDetail {
			return nil, errors.New("alipay: bill has no detail header")
		}
		return &Bill{Rows: rows}, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("alipay: bill archive is not a valid zip")
	}
	if len(zr.File) > maxBillFiles {
		return nil, errors.New("alipay: bill archive has too many files")
	}
	bill, found := &Bill{}, false
	// Entry names are GBK without the zip UTF-8 flag; pick the detail file
	// by its header instead of its name.
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, errors.New("alipay: bill archive entry is unreadable")
		}
		content, err := io.ReadAll(io.LimitReader(rc, maxBillBytes+1))
		_ = rc.Close()
		if err != nil || len(content) > maxBillBytes {
			return nil, errors.New("alipay: bill archive entry is corrupt or too large")
		}
		rows, isDetail, err := parseBillCSV(content)
		if err != nil {
			return nil, err
		}
		if isDetail {
			bill.Rows, found = append(bill.Rows, rows...), true
		}
	}
	if !found {
		return nil, errors.New("alipay: bill archive has no detail file")
	}
	return bill, nil
}

// parseBillCSV reads one CSV. Lines starting with # are Alipay's comments
// (account, period, totals); fields are padded with tabs.
func parseBillCSV(data []byte) (rows []BillRow, isDetail bool, err error) {
	r := csv.NewReader(strings.NewReader(decodeText(data)))
	r.Comment, r.FieldsPerRecord, r.LazyQuotes = '#', -1, true
	var cols map[string]int
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, cols != nil, nil
		}
		if err != nil {
			return nil, false, errors.New("alipay: bill is not valid CSV")
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if cols == nil {
			cols = detailHeader(rec)
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		row, err := parseBillRow(cols, rec)
		if err != nil {
			return nil, false, fmt.Errorf("alipay: bill record %d: %w", line, err)
		}
		rows = append(rows, row)
	}
}

// detailHeader returns the column index if rec is the detail header.
func detailHeader(rec []string) map[string]int {
	cols := make(map[string]int, len(rec))
	for i, name := range rec {
		cols[name] = i
	}
	for _, name := range requiredBillColumns {
		if _, ok := cols[name]; !ok {
			return nil
		}
	}
	return cols
}

func parseBillRow(cols map[string]int, rec []string) (BillRow, error) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	row := BillRow{TradeNo: get("支付宝交易号"), OutTradeNo: get("商户订单号"), Type: get("业务类型"), Subject: get("商品名称"),
		CreatedAt: parseTime(get("创建时间")), FinishedAt: parseTime(get("完成时间")), Counterparty: get("对方账户"),
		RefundRequestNo: get("退款批次号/请求号"), Remark: get("备注")}
	if row.TradeNo == "" || row.Type == "" {
		return row, errors.New("missing trade number or type")
	}
	var err error
	for _, a := range []struct {
		col string
		dst *money.Fen
	}{{"订单金额（元）", &row.Amount}, {"商家实收（元）", &row.Received}, {"服务费（元）", &row.ServiceFee}} {
		s := get(a.col)
		if s == "" {
			continue
		}
		if *a.dst, err = YuanToFen(s); err != nil {
			return row, fmt.Errorf("%s: %w", a.col, err)
		}
	}
	return row, nil
}

// decodeText returns data as UTF-8: Alipay writes GBK (decoded as GB18030,
// its superset); a UTF-8 file, with or without BOM, passes through.
func decodeText(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(out)
}

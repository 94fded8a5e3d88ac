package wechatpay

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"fenxiao/internal/platform/money"
)

// BillRow is one line of a trade bill: a payment (TradeState SUCCESS) or a
// refund (TradeState REFUND, with the refund columns filled in).
type BillRow struct {
	TradeTime     string // "2006-01-02 15:04:05", Beijing time
	AppID         string
	MchID         string
	TransactionID string
	OutTradeNo    string
	OpenID        string
	TradeType     string // JSAPI, MWEB, NATIVE
	TradeState    string // SUCCESS, REFUND, REVOKED
	SettledAmount money.Fen
	OrderAmount   money.Fen
	RefundID      string
	OutRefundNo   string
	RefundAmount  money.Fen
	RefundStatus  string
	// Fee has five decimals of yuan, so it is kept as text, not fen.
	Fee string
}

// IsRefund reports whether the row records a refund.
func (r BillRow) IsRefund() bool { return r.TradeState == "REFUND" }

// BillSummary is the totals block at the end of a bill.
type BillSummary struct {
	Count        int
	SettledTotal money.Fen
	RefundTotal  money.Fen
	OrderTotal   money.Fen
	FeeTotal     string
}

// Bill is a parsed trade bill.
type Bill struct {
	Rows    []BillRow
	Summary BillSummary
}

// Columns read by header name, so a bill type with more or fewer columns
// still parses; these must be present.
var requiredBillColumns = []string{"微信订单号", "商户订单号", "交易状态", "应结订单金额"}

// ParseTradeBill parses a WeChat Pay v3 trade bill: a header line, data lines
// whose every field starts with a backtick, then a totals header and line.
func ParseTradeBill(data []byte) (*Bill, error) {
	text := strings.TrimPrefix(string(data), "\ufeff")
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) == "" {
		return nil, fmt.Errorf("wechatpay: bill is empty")
	}
	cols := indexColumns(strings.Split(strings.TrimSpace(lines[0]), ","))
	for _, name := range requiredBillColumns {
		if _, ok := cols[name]; !ok {
			return nil, fmt.Errorf("wechatpay: bill header lacks %s", name)
		}
	}
	bill := &Bill{}
	i := 1
	for ; i < len(lines) && strings.HasPrefix(lines[i], "`"); i++ {
		row, err := parseBillRow(cols, splitBillFields(lines[i]))
		if err != nil {
			return nil, fmt.Errorf("wechatpay: bill line %d: %w", i+1, err)
		}
		bill.Rows = append(bill.Rows, row)
	}
	if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "`") {
		sum, err := parseBillSummary(indexColumns(strings.Split(strings.TrimSpace(lines[i]), ",")), splitBillFields(lines[i+1]))
		if err != nil {
			return nil, fmt.Errorf("wechatpay: bill totals: %w", err)
		}
		bill.Summary = sum
	}
	return bill, nil
}

func indexColumns(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[strings.TrimSpace(n)] = i
	}
	return m
}

// splitBillFields splits on ",`" rather than "," so a product name with a
// comma in it does not shift the columns.
func splitBillFields(line string) []string {
	fields := strings.Split(strings.TrimPrefix(strings.TrimRight(line, " \r"), "`"), ",`")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}

func parseBillRow(cols map[string]int, f []string) (BillRow, error) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(f) {
			return f[i]
		}
		return ""
	}
	r := BillRow{TradeTime: get("交易时间"), AppID: get("公众账号ID"), MchID: get("商户号"), TransactionID: get("微信订单号"),
		OutTradeNo: get("商户订单号"), OpenID: get("用户标识"), TradeType: get("交易类型"), TradeState: get("交易状态"),
		RefundID: get("微信退款单号"), OutRefundNo: get("商户退款单号"), RefundStatus: get("退款状态"), Fee: get("手续费")}
	if r.TransactionID == "" || r.TradeState == "" {
		return r, fmt.Errorf("missing transaction id or state")
	}
	var err error
	for _, a := range []struct {
		col string
		dst *money.Fen
	}{{"应结订单金额", &r.SettledAmount}, {"订单金额", &r.OrderAmount}, {"退款金额", &r.RefundAmount}} {
		if *a.dst, err = billAmount(get(a.col)); err != nil {
			return r, fmt.Errorf("%s: %w", a.col, err)
		}
	}
	if r.RefundID == "0" { // payment rows carry "0" in the refund id columns
		r.RefundID, r.OutRefundNo = "", ""
	}
	return r, nil
}

func parseBillSummary(cols map[string]int, f []string) (BillSummary, error) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(f) {
			return f[i]
		}
		return ""
	}
	var s BillSummary
	n, err := strconv.Atoi(get("总交易单数"))
	if err != nil {
		return s, fmt.Errorf("count: not a number")
	}
	s.Count, s.FeeTotal = n, get("手续费总金额")
	for _, a := range []struct {
		col string
		dst *money.Fen
	}{{"应结订单总金额", &s.SettledTotal}, {"退款总金额", &s.RefundTotal}, {"订单总金额", &s.OrderTotal}} {
		if *a.dst, err = billAmount(get(a.col)); err != nil {
			return s, fmt.Errorf("%s: %w", a.col, err)
		}
	}
	return s, nil
}

var yuanPattern = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,2})?$`)

// billAmount reads a yuan amount ("19.99") exactly into fen; an empty cell
// (a column this bill type lacks) is zero.
func billAmount(s string) (money.Fen, error) {
	if s == "" {
		return 0, nil
	}
	if !yuanPattern.MatchString(s) {
		return 0, fmt.Errorf("%q is not a yuan amount", s)
	}
	return money.ParseYuan(s)
}

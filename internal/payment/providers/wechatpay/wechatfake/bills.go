package wechatfake

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"fenxiao/internal/platform/money"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

const billHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类," +
	"应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率," +
	"订单金额,申请退款金额,费率备注"

const billTotalsHeader = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"

// tradeBill serves GET /v3/bill/tradebill. The fake's bill lists every paid
// trade and every refund it knows, whatever bill_date says (tests run within
// one day); with no trades it answers NO_STATEMENT_EXIST like WeChat.
func (s *Server) tradeBill(r *http.Request, _ []byte) reply {
	q := r.URL.Query()
	if _, err := time.Parse(time.DateOnly, q.Get("bill_date")); err != nil {
		return fail(http.StatusBadRequest, "PARAM_ERROR", "bill_date must be YYYY-MM-DD")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data := s.renderBill()
	if data == nil {
		return fail(http.StatusBadRequest, "NO_STATEMENT_EXIST", "账单文件不存在")
	}
	// The announced hash is of the original bill, even when it is sent gzipped.
	sum := sha1.Sum(data)
	if s.corruptBillHash {
		sum = sha1.Sum(append(data, 'x'))
		s.corruptBillHash = false
	}
	if q.Get("tar_type") == "GZIP" {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(data)
		_ = zw.Close()
		data = buf.Bytes()
	}
	token := randomString(24)
	s.files[token] = data
	return ok(map[string]string{"hash_type": "SHA1", "hash_value": hex.EncodeToString(sum[:]),
		"download_url": "https://api.mch.weixin.qq.com/v3/billdownload/file?token=" + token})
}

func (s *Server) downloadFile(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, found := s.files[r.URL.Query().Get("token")]
	if !found {
		return fail(http.StatusBadRequest, "PARAM_ERROR", "unknown or expired token")
	}
	return reply{status: http.StatusOK, raw: data}
}

// renderBill writes the bill in WeChat's format: every field starts with a
// backtick; fees are 0.6% with five decimals. Callers hold s.mu.
func (s *Server) renderBill() []byte {
	var lines []string
	var count int
	var settled, refunded, ordered, requested, fee int64
	for _, t := range s.sortedTrades() {
		if t.TransactionID == "" {
			continue
		}
		count++
		settled += t.Total
		ordered += t.Total
		fee += t.Total * 6
		lines = append(lines, billLine(t.SuccessTime, s.cfg.AppID, s.cfg.MchID, t.TransactionID, t.OutTradeNo, t.OpenID,
			t.TradeType, "SUCCESS", yuan(t.Total), yuan(t.Total-t.PayerTotal), "0", "0", "0.00", "", "", t.Description,
			fee5(t.Total*6), yuan(t.Total), "0.00"))
		for _, rf := range s.refundsOf(t.OutTradeNo) {
			count++
			refunded += rf.Amount
			requested += rf.Amount
			fee -= rf.Amount * 6
			lines = append(lines, billLine(rf.CreateTime, s.cfg.AppID, s.cfg.MchID, t.TransactionID, t.OutTradeNo, t.OpenID,
				t.TradeType, "REFUND", "0.00", "0.00", rf.RefundID, rf.OutRefundNo, yuan(rf.Amount), "ORIGINAL", rf.Status,
				t.Description, fee5(-rf.Amount*6), "0.00", yuan(rf.Amount)))
		}
	}
	if count == 0 {
		return nil
	}
	out := billHeader + "\r\n" + strings.Join(lines, "\r\n") + "\r\n" + billTotalsHeader + "\r\n" +
		"`" + strings.Join([]string{fmt.Sprint(count), yuan(settled), yuan(refunded), "0.00", fee5(fee), yuan(ordered), yuan(requested)}, ",`") + "\r\n"
	return []byte(out)
}

func billLine(at time.Time, appID, mchID, txID, outTradeNo, openID, tradeType, state, settled, coupon, refundID,
	outRefundNo, refund, refundType, refundStatus, goods, fee, order, requested string) string {
	f := []string{at.In(beijing).Format(time.DateTime), appID, mchID, "0", "", txID, outTradeNo, openID, tradeType, state,
		"OTHERS", "CNY", settled, coupon, refundID, outRefundNo, refund, "0.00", refundType, refundStatus, goods, "",
		fee, "0.60%", order, requested, ""}
	return "`" + strings.Join(f, ",`")
}

func (s *Server) sortedTrades() []*Trade {
	return slices.SortedFunc(maps.Values(s.trades), func(a, b *Trade) int { return strings.Compare(a.OutTradeNo, b.OutTradeNo) })
}

func (s *Server) refundsOf(outTradeNo string) []*Refund {
	var out []*Refund
	for _, rf := range s.refunds {
		if rf.OutTradeNo == outTradeNo {
			out = append(out, rf)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OutRefundNo < out[j].OutRefundNo })
	return out
}

// yuan formats fen as "19.99" without floats.
func yuan(fen int64) string { return money.Fen(fen).Yuan() }

// fee5 formats an amount in 1/100000 yuan with five decimals.
func fee5(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%05d", sign, v/100000, v%100000)
}

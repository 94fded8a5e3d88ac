package alipayfake

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const billPath = "/downloadBillFile.resource"

const detailHeader = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户," +
	"订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称," +
	"商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注"

// billURL answers alipay.data.dataservice.bill.downloadurl.query with a URL
// on this server (Alipay's URLs point at its file host and live 30 s).
// The fake's bill lists every paid trade and refund it knows, whatever
// bill_date says.
func (s *Server) billURL(r *http.Request, biz map[string]any) map[string]any {
	if str(biz, "bill_type") != "trade" && str(biz, "bill_type") != "signcustomer" {
		return bizFail("isv.invalid-bill-type", "账单类型不合法")
	}
	if _, err := time.Parse(time.DateOnly, str(biz, "bill_date")); err != nil {
		return bizFail("isv.invalid-bill-date", "账单日期格式不正确")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := s.renderBillZip(str(biz, "bill_date"))
	if err != nil || data == nil {
		return bizFail("isp.bill_not_exist", "账单不存在")
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	s.files[token] = data
	return success(map[string]any{"bill_download_url": "http://" + r.Host + billPath + "?bizType=trade&fileType=csv.zip&token=" + token})
}

func (s *Server) downloadBill(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data, ok := s.files[r.URL.Query().Get("token")]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "file expired", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/oct-stream")
	_, _ = w.Write(data)
}

// renderBillZip builds Alipay's archive: a detail CSV and a summary CSV,
// GBK-encoded, with GBK file names. Callers hold s.mu.
func (s *Server) renderBillZip(day string) ([]byte, error) {
	var rows []string
	var trades, refunds int
	for _, t := range s.sortedTrades() {
		if t.PaidAt.IsZero() {
			continue
		}
		trades++
		rows = append(rows, detailRow(t.TradeNo, t.OutTradeNo, "交易", t.Subject, t.CreatedAt, t.PaidAt, yuan(t.Total),
			yuan(t.Total), yuan(t.Total-t.BuyerPay), "", yuan(-t.Total*6/1000)))
		for _, rf := range s.refundsOf(t.OutTradeNo) {
			refunds++
			rows = append(rows, detailRow(t.TradeNo, t.OutTradeNo, "退款", t.Subject, rf.At, rf.At, yuan(t.Total),
				yuan(-rf.Amount), "0.00", rf.OutRequestNo, yuan(rf.Amount*6/1000)))
		}
	}
	if trades == 0 {
		return nil, nil
	}
	compact := strings.ReplaceAll(day, "-", "")
	detail := "#支付宝业务明细查询\r\n#账号：[" + s.cfg.SellerID + "0156]\r\n#起始日期：[" + day + " 00:00:00]   终止日期：[" + day +
		" 23:59:59]\r\n#-----------------------------------------业务明细列表----------------------------------------\r\n" +
		detailHeader + "\r\n" + strings.Join(rows, "\r\n") +
		"\r\n#-----------------------------------------业务明细列表结束------------------------------------\r\n" +
		fmt.Sprintf("#交易合计：%d笔\r\n#退款合计：%d笔\r\n#导出时间：[%s]\r\n", trades, refunds, timeText(time.Now()))
	summary := "#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）\r\n" +
		fmt.Sprintf("合计,,%d,%d,,\r\n", trades, refunds)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range map[string]string{
		s.cfg.SellerID + "0156_" + compact + "_业务明细.csv":     detail,
		s.cfg.SellerID + "0156_" + compact + "_业务明细(汇总).csv": summary,
	} {
		gbkName, err := simplifiedchinese.GBK.NewEncoder().String(name)
		if err != nil {
			return nil, err
		}
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(content)
		if err != nil {
			return nil, err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: gbkName, Method: zip.Deflate, NonUTF8: true})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(gbk)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// detailRow pads every field with a tab, as Alipay's export does. A field
// with a comma or quote is CSV-quoted (the fake's assumption; real exports
// rarely contain one).
func detailRow(tradeNo, outTradeNo, kind, subject string, created, finished time.Time, amount, received, discount,
	requestNo, fee string) string {
	f := []string{tradeNo, outTradeNo, kind, subject, timeText(created), timeText(finished), "", "", "", "", "138****0000",
		amount, received, "0.00", "0.00", discount, "0.00", "0.00", "", "0.00", "0.00", requestNo, fee, "0.00", ""}
	for i, v := range f {
		f[i] = v + "\t"
		if strings.ContainsAny(v, ",\"") {
			f[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + "\t\""
		}
	}
	return strings.Join(f, ",")
}

func (s *Server) sortedTrades() []*Trade {
	return slices.SortedFunc(maps.Values(s.trades), func(a, b *Trade) int { return strings.Compare(a.OutTradeNo, b.OutTradeNo) })
}

func (s *Server) refundsOf(outTradeNo string) []*refund {
	var out []*refund
	for _, rf := range s.refunds {
		if rf.OutTradeNo == outTradeNo {
			out = append(out, rf)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OutRequestNo < out[j].OutRequestNo })
	return out
}

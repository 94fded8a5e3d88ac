package wechatpay

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/validators"
	"github.com/wechatpay-apiv3/wechatpay-go/core/consts"

	"fenxiao/internal/platform/cst"
)

// beijing is the zone WeChat's bill days follow.
var beijing = cst.Zone

// Bills of a busy day are a few MB; this bounds a hostile or broken download.
const maxBillBytes = 64 << 20

type tradeBillResponse struct {
	HashType    string `json:"hash_type"`
	HashValue   string `json:"hash_value"`
	DownloadURL string `json:"download_url"`
}

// TradeBill downloads and parses the trade bill (all trades and refunds) of
// one day (the calendar day of day in Beijing time), available from 10:00
// the next day.
// Errors: ErrNoStatement (no trades that day, or not generated yet),
// an error when the file's SHA1 does not match what WeChat announced.
func (c *Client) TradeBill(ctx context.Context, day time.Time) (*Bill, error) {
	// GZIP: a busy day's bill shrinks several times.
	q := url.Values{"bill_date": {day.In(beijing).Format(time.DateOnly)}, "bill_type": {"ALL"}, "tar_type": {"GZIP"}}
	res, err := c.core.Request(ctx, http.MethodGet, consts.WechatPayAPIServer+"/v3/bill/tradebill", nil, q, nil, consts.ApplicationJSON)
	if err != nil {
		return nil, wrapErr("trade bill", err, ErrNoStatement)
	}
	var tb tradeBillResponse
	if err := core.UnMarshalResponse(res.Response, &tb); err != nil || tb.DownloadURL == "" {
		return nil, errors.New("wechatpay: trade bill response has no download_url")
	}
	data, err := c.download(ctx, tb.DownloadURL)
	if err != nil {
		return nil, err
	}
	// WeChat hashes the original bill, so a gzipped one is unpacked first.
	if data, err = gunzipIfNeeded(data); err != nil {
		return nil, err
	}
	if !strings.EqualFold(tb.HashType, "SHA1") {
		return nil, fmt.Errorf("wechatpay: unsupported bill hash type %q", tb.HashType)
	}
	sum := sha1.Sum(data)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), tb.HashValue) {
		return nil, errors.New("wechatpay: downloaded bill does not match its SHA1")
	}
	return ParseTradeBill(data)
}

// download fetches a bill file. The request is signed like any other, but
// WeChat does not sign file responses, so the response check is skipped and
// the SHA1 from the signed tradebill answer protects the content instead.
func (c *Client) download(ctx context.Context, downloadURL string) ([]byte, error) {
	u, err := url.Parse(downloadURL)
	if err != nil || u.Scheme != "https" {
		return nil, errors.New("wechatpay: bill download_url is not an https URL")
	}
	unsigned := core.NewClientWithValidator(c.core, &validators.NullValidator{})
	res, err := unsigned.Get(ctx, downloadURL)
	if err != nil {
		return nil, wrapErr("download bill", err, ErrNoStatement)
	}
	defer res.Response.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Response.Body, maxBillBytes+1))
	if err != nil {
		return nil, fmt.Errorf("wechatpay: read bill: %w", err)
	}
	if len(data) > maxBillBytes {
		return nil, errors.New("wechatpay: bill larger than 64 MiB")
	}
	return data, nil
}

// gunzipIfNeeded accepts both plain bills and tar_type=GZIP ones.
func gunzipIfNeeded(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("wechatpay: bill is not valid gzip")
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxBillBytes+1))
	if err != nil || len(out) > maxBillBytes {
		return nil, errors.New("wechatpay: bill gzip is corrupt or too large")
	}
	return out, nil
}

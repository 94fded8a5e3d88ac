package alipay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	sdk "github.com/smartwalle/alipay/v3"
)

// Bill archives are a few MB even for busy shops; this bounds a broken download.
const maxBillBytes = 64 << 20

// BillDownloadURL asks for the trade bill of one day (the calendar day of
// day in Beijing time). The URL is valid for 30 seconds: download at once.
// Errors: ErrBillNotExist (no bill, or not generated yet).
func (c *Client) BillDownloadURL(ctx context.Context, day time.Time) (string, error) {
	rsp, err := c.sdk.BillDownloadURLQuery(ctx, sdk.BillDownloadURLQuery{BillType: "trade", BillDate: day.In(beijing).Format(time.DateOnly)})
	if err != nil {
		return "", wrapErr("bill url", err)
	}
	if err := check("bill url", rsp.Error); err != nil {
		return "", err
	}
	if rsp.BillDownloadURL == "" {
		return "", errors.New("alipay: bill answer has no bill_download_url")
	}
	return rsp.BillDownloadURL, nil
}

// DownloadBill fetches a bill archive from the URL BillDownloadURL gave and
// parses it. The file itself is unsigned (the URL came in a signed answer).
func (c *Client) DownloadBill(ctx context.Context, billURL string) (*Bill, error) {
	u, err := url.Parse(billURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New("alipay: bill URL is not an http(s) URL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, billURL, nil)
	if err != nil {
		return nil, fmt.Errorf("alipay: bill request: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("alipay: download bill: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("alipay: download bill: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBillBytes+1))
	if err != nil {
		return nil, fmt.Errorf("alipay: read bill: %w", err)
	}
	if len(data) > maxBillBytes {
		return nil, errors.New("alipay: bill larger than 64 MiB")
	}
	return ParseBill(data)
}

// TradeBill is BillDownloadURL followed by DownloadBill.
func (c *Client) TradeBill(ctx context.Context, day time.Time) (*Bill, error) {
	u, err := c.BillDownloadURL(ctx, day)
	if err != nil {
		return nil, err
	}
	return c.DownloadBill(ctx, u)
}

// Package cst is China Standard Time, the merchant's and the payment
// providers' clock: calendar days, weeks and months for limits,
// leaderboards and statements, and the timestamps WeChat Pay and Alipay
// expect.
package cst

import "time"

// Zone is UTC+8. China has had no daylight saving since 1991, so a fixed
// zone is exact and needs no tzdata on the host.
var Zone = time.FixedZone("Asia/Shanghai", 8*60*60)

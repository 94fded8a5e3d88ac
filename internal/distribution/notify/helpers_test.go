package notify_test

import "fenxiao/internal/platform/page"

func pageReq() page.Request { return page.Request{Page: 1, Size: 20} }

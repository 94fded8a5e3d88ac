package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// respond writes v as the JSON answer, or err as the error envelope: the
// one way handlers reply with JSON.
func respond[T any](c *gin.Context, v T, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// pageOf documents a page.Result of T.
type pageOf[T any] struct {
	Items    []T   `json:"items"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
	Total    int64 `json:"total"`
}

// itemsOf documents a list answered whole.
type itemsOf[T any] struct {
	Items []T `json:"items"`
}

package httpapi

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/media"
)

// uploadBodyLimit leaves room for the multipart framing around a maximal
// image; the image itself is checked against media.MaxUploadSize.
const uploadBodyLimit = media.MaxUploadSize + 64<<10

// mountUploads serves stored images outside /api: public, cacheable and
// not subject to the API's no-store and body rules. The catch-all lets the
// handler refuse every malformed name itself.
func (s *Server) mountUploads() {
	s.handle(op{Method: "GET", Path: "/uploads/*name", Tag: "catalog", Auth: authPublic,
		Summary: "A stored image, served with its stored content type, nosniff and a year of caching"}, s.serveUpload)
}

// uploadImage stores the multipart part "file" if its content is a JPEG,
// PNG, GIF or WebP image of at most 5 MiB.
func (s *Server) uploadImage(c *gin.Context) {
	data, err := readUploadFile(c.Request)
	if err != nil {
		Fail(c, err)
		return
	}
	u, err := s.deps.Media.SaveUpload(c.Request.Context(), actor(c), data)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, u, nil)
}

// readUploadFile streams the multipart body to the "file" part and reads at
// most one byte more than allowed, so an oversized file is detected without
// buffering it.
func readUploadFile(r *http.Request) ([]byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.Invalid(`send the image as multipart/form-data with a "file" part`).WithReason("unsupported_media_type")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, apperr.InvalidField("file", "is required")
		}
		if err != nil {
			return nil, multipartError(err)
		}
		if part.FormName() != "file" {
			continue
		}
		// One byte over the limit is enough for SaveUpload to refuse it.
		data, err := io.ReadAll(io.LimitReader(part, media.MaxUploadSize+1))
		if err != nil {
			return nil, multipartError(err)
		}
		return data, nil
	}
}

func multipartError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return err // Fail answers 413 too_large
	}
	return apperr.Invalid("the multipart body could not be read").WithReason("malformed_multipart")
}

// serveUpload serves a stored image with its stored type. Only names of the
// exact shape the server generates get near the storage.
func (s *Server) serveUpload(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("name"), "/")
	if !media.ValidName(name) {
		Fail(c, apperr.NotFound("no such file"))
		return
	}
	obj, err := s.deps.Media.Open(c.Request.Context(), name)
	if errors.Is(err, media.ErrNotFound) {
		Fail(c, apperr.NotFound("no such file"))
		return
	}
	if err != nil {
		Fail(c, err)
		return
	}
	defer obj.Body.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", obj.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	// Names are never reused, so a stored file never changes.
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if rs, ok := obj.Body.(io.ReadSeeker); ok {
		http.ServeContent(c.Writer, c.Request, "", obj.ModTime, rs)
		return
	}
	h.Set("Content-Length", strconv.FormatInt(obj.Size, 10))
	c.Status(http.StatusOK)
	io.Copy(c.Writer, obj.Body)
}

package media

import (
	"bytes"
	"image"
	_ "image/gif" // registers the decoders DecodeConfig checks with
	_ "image/jpeg"
	_ "image/png"
	"net/http"

	"fenxiao/internal/platform/apperr"
)

// MaxUploadSize is the largest image an admin may upload (5 MiB).
const MaxUploadSize = 5 << 20

// maxSide bounds image dimensions so a tiny file cannot claim to be a
// gigapixel image that phones then try to decode.
const maxSide = 16384

// extByType is what uploads may be: raster formats only. SVG can carry
// script, so uploaded SVG is refused.
var extByType = map[string]string{
	"image/jpeg": "jpg",
	"image/png":  "png",
	"image/gif":  "gif",
	"image/webp": "webp",
}

// Sniff decides from the content alone (never a file name or a client's
// Content-Type) whether data is an allowed image, and returns its content
// type and the extension to store it under. Errors: invalid (reason
// not_an_image).
func Sniff(data []byte) (contentType, ext string, err error) {
	ct := http.DetectContentType(data)
	ext, ok := extByType[ct]
	if !ok {
		return "", "", notAnImage()
	}
	if ct == "image/webp" {
		if !plausibleWebP(data) {
			return "", "", notAnImage()
		}
		return ct, ext, nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || "image/"+format != ct || cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxSide || cfg.Height > maxSide {
		return "", "", notAnImage()
	}
	return ct, ext, nil
}

// plausibleWebP checks the RIFF container around a VP8/VP8L/VP8X chunk;
// the standard library has no WebP decoder.
func plausibleWebP(b []byte) bool {
	if len(b) < 20 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return false
	}
	size := int(b[4]) | int(b[5])<<8 | int(b[6])<<16 | int(b[7])<<24
	switch string(b[12:16]) {
	case "VP8 ", "VP8L", "VP8X":
	default:
		return false
	}
	return size >= 12 && size+8 <= len(b)
}

func notAnImage() error {
	return apperr.Invalid("the file is not a JPEG, PNG, GIF or WebP image").WithReason("not_an_image").
		WithField("file", "must be a JPEG, PNG, GIF or WebP image")
}

func errTooLarge() error {
	return &apperr.Error{Code: apperr.CodeTooLarge, Message: "the image is larger than 5 MiB", Fields: map[string]string{"file": "must be at most 5 MiB"}}
}

package media

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fenxiao/internal/platform/apperr"
)

// TinyPNG is a real 3x2 PNG for tests.
func tinyPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{200, 30, 40, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encoded(t *testing.T, enc func(io.Writer, image.Image) error) []byte {
	var b bytes.Buffer
	if err := enc(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffAcceptsRealImages(t *testing.T) {
	t.Parallel()
	webp := append([]byte("RIFF\x16\x00\x00\x00WEBPVP8L"), make([]byte, 14)...) // RIFF size = len - 8
	cases := []struct {
		name, ct, ext string
		data          []byte
	}{
		{"png", "image/png", "png", tinyPNG(t)},
		{"jpeg", "image/jpeg", "jpg", encoded(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) })},
		{"gif", "image/gif", "gif", encoded(t, func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) })},
		{"webp", "image/webp", "webp", webp},
	}
	for _, tc := range cases {
		ct, ext, err := Sniff(tc.data)
		if err != nil || ct != tc.ct || ext != tc.ext {
			t.Errorf("%s: got %q %q %v", tc.name, ct, ext, err)
		}
	}
}

func TestSniffRefusesNonImages(t *testing.T) {
	t.Parallel()
	png := tinyPNG(t)
	cases := map[string][]byte{
		"html":            []byte("<!doctype html><html><script>alert(1)</script></html>"),
		"html after bom":  []byte("\xef\xbb\xbf<html><body onload=alert(1)>"),
		"svg":             []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"elf":             append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...),
		"pe":              append([]byte("MZ\x90\x00"), make([]byte, 64)...),
		"empty":           nil,
		"png truncated":   png[:20],
		"png header only": []byte("\x89PNG\r\n\x1a\n"),
		"webp truncated":  []byte("RIFF\xff\xff\x00\x00WEBPVP8 abcd"),
		"bmp":             append([]byte("BM"), make([]byte, 64)...),
	}
	for name, data := range cases {
		_, _, err := Sniff(data)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Reason != "not_an_image" {
			t.Errorf("%s: want invalid not_an_image, got %v", name, err)
		}
	}
}

func TestValidName(t *testing.T) {
	t.Parallel()
	good := NewName("png")
	if !ValidName(good) {
		t.Fatalf("generated name %q refused", good)
	}
	if ct, ok := TypeOf(good); !ok || ct != "image/png" {
		t.Fatalf("type of %q: %q %v", good, ct, ok)
	}
	hex := strings.Repeat("a", nameHexLen)
	for _, bad := range []string{"", "..", "../" + good, good + "/", "/" + good, hex + ".PNG", hex + ".html",
		hex + ".png.html", strings.Repeat("A", nameHexLen) + ".png", hex[:31] + ".png", hex + "0.png",
		hex + ".png\x00", hex[:30] + "..png", `..\` + good, hex + ".", "." + hex} {
		if ValidName(bad) {
			t.Errorf("accepted %q", bad)
		}
	}
}

// The name check is the only thing between a URL and the disk.
func FuzzValidName(f *testing.F) {
	for _, s := range []string{NewName("png"), "../../etc/passwd", strings.Repeat("0", 32) + ".svg", "a/b.png", "%2e%2e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !ValidName(name) {
			return
		}
		if filepath.Base(name) != name || strings.ContainsAny(name, `/\:`) || strings.Contains(name, "..") || filepath.IsAbs(name) {
			t.Fatalf("accepted unsafe name %q", name)
		}
		if _, ok := TypeOf(name); !ok {
			t.Fatalf("valid name %q without a type", name)
		}
	})
}

// Whatever bytes arrive, Sniff must not panic, and what it accepts must be
// one of the raster types.
func FuzzSniff(f *testing.F) {
	f.Add(tinyPNG(f))
	f.Add([]byte("<html>"))
	f.Add([]byte("GIF89a\x01\x00\x01\x00"))
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, ext, err := Sniff(data)
		if err != nil {
			return
		}
		if extByType[ct] != ext || ext == "" {
			t.Fatalf("accepted %q as %q/%q", data, ct, ext)
		}
	})
}

func TestLocalStorageRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := NewLocalStorage(filepath.Join(dir, "uploads"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	name, data := NewName("png"), tinyPNG(t)
	if err := st.Put(ctx, name, "image/png", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if err := st.Put(ctx, name, "image/png", bytes.NewReader(data)); err == nil {
		t.Fatal("overwrote an existing name")
	}
	obj, err := st.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if !bytes.Equal(got, data) || obj.Size != int64(len(data)) || obj.ContentType != "image/png" {
		t.Fatalf("read back %d bytes as %q", len(got), obj.ContentType)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "uploads"))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
	if err := st.Put(ctx, "../escape.png", "image/png", bytes.NewReader(data)); err == nil {
		t.Fatal("stored a path")
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.png")); err == nil {
		t.Fatal("wrote outside the storage directory")
	}
	if _, err := st.Open(ctx, "../uploads/"+name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("open with a path: %v", err)
	}
	if err := st.Delete(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Open(ctx, name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("open after delete: %v", err)
	}
}

func TestPlaceholderSVGIsSafeWellFormedXML(t *testing.T) {
	t.Parallel()
	titles := []string{"赣南脐橙 5斤装", `</text><script>alert("x")</script>&`, "", "\x00\x1b[31m", strings.Repeat("很长的标题", 20)}
	for _, title := range titles {
		for _, hue := range []int{-30, 0, 359, 725} {
			svg := PlaceholderSVG(title, hue)
			dec := xml.NewDecoder(bytes.NewReader(svg))
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("title %q hue %d: not well-formed: %v\n%s", title, hue, err, svg)
				}
				if el, ok := tok.(xml.StartElement); ok && (el.Name.Local == "script" || el.Name.Local == "foreignObject") {
					t.Fatalf("title %q produced a <%s> element", title, el.Name.Local)
				}
			}
			if !bytes.HasPrefix(svg, []byte("<svg ")) || bytes.Contains(svg, []byte("href")) {
				t.Fatalf("unexpected svg: %s", svg)
			}
		}
	}
	if !bytes.Contains(PlaceholderSVG("苹果", 10), []byte(">苹果</text>")) {
		t.Fatal("title not rendered")
	}
	if !bytes.Equal(PlaceholderSVG("x", 370), PlaceholderSVG("x", 10)) {
		t.Fatal("hue not normalised")
	}
}

func TestHSLHex(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		h    int
		s, l float64
		want string
	}{{0, 1, 0.5, "#ff0000"}, {120, 1, 0.5, "#00ff00"}, {240, 1, 0.5, "#0000ff"}, {0, 0, 1, "#ffffff"}} {
		if got := hslHex(tc.h, tc.s, tc.l); got != tc.want {
			t.Errorf("hsl(%d,%v,%v) = %s, want %s", tc.h, tc.s, tc.l, got, tc.want)
		}
	}
}

package httpapi_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fenxiao/internal/shop/media"
	"fenxiao/internal/testkit"
)

func catPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 8, 5))
	for x := 0; x < 8; x++ {
		img.Set(x, x%5, color.NRGBA{uint8(30 * x), 120, 200, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// catUpload posts data as the multipart part "file" named filename,
// claiming the given part Content-Type.
func catUpload(t *testing.T, c *testkit.Client, filename, partType string, data []byte) *testkit.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+filename+`"`)
	h.Set("Content-Type", partType)
	part, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	req, err := http.NewRequest("POST", c.URL()+"/api/admin/uploads", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Send(req)
}

// catStored counts upload rows and files on disk.
func catStored(t *testing.T, a *testkit.App) (rows int64, files int) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(a.Config.DataDir, "uploads"))
	if err != nil {
		t.Fatal(err)
	}
	return catCount(t, a, "uploads", ""), len(entries)
}

func TestCatalogUploadRoundTrip(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		data := catPNG(t)
		var up media.Upload
		// The client's name and type are ignored: the content decides.
		catUpload(t, op, "photo.exe", "application/octet-stream", data).Expect(200).JSON(&up)
		if up.ContentType != "image/png" || up.Size != int64(len(data)) || !strings.HasSuffix(up.Name, ".png") ||
			up.URL != "/uploads/"+up.Name || !media.ValidName(up.Name) {
			t.Fatalf("upload %+v", up)
		}
		res := a.Client().Do("GET", up.URL, nil).Expect(200)
		if !bytes.Equal(res.Body, data) {
			t.Fatalf("served %d bytes, uploaded %d", len(res.Body), len(data))
		}
		h := res.Header
		if h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(h.Get("Cache-Control"), "max-age=31536000") ||
			h.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'" {
			t.Fatalf("headers %v", h)
		}
		if rows, files := catStored(t, a); rows != 1 || files != 1 {
			t.Fatalf("%d rows, %d files", rows, files)
		}
		if n := catCount(t, a, "audit_log", "action = ?", "upload.create"); n != 1 {
			t.Fatalf("%d upload audit entries", n)
		}

		// Server-generated placeholders are served as SVG under the same CSP.
		gen, err := a.Media.SavePlaceholder(testkit.Ctx(), "演示 <b>", 200)
		if err != nil {
			t.Fatal(err)
		}
		res = a.Client().Do("GET", gen.URL, nil).Expect(200)
		if res.Header.Get("Content-Type") != "image/svg+xml" || !bytes.HasPrefix(res.Body, []byte("<svg")) ||
			!strings.HasPrefix(res.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Fatalf("svg served as %v", res.Header)
		}
	})
}

// Anything that is not an allowed image is refused whatever it is called,
// and leaves neither a file nor a row.
func TestCatalogUploadRefusesNonImages(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		cases := map[string][]byte{
			"evil.png": []byte("<html><script>alert(document.cookie)</script></html>"),
			"evil.jpg": append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 200)...),
			"evil.gif": append([]byte("MZ\x90\x00\x03"), make([]byte, 200)...),
			"logo.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
			"half.png": catPNG(t)[:30],
		}
		for name, data := range cases {
			fields := expectError(t, catUpload(t, op, name, "image/png", data), 400, "invalid", "not_an_image").Fields
			if fields["file"] == "" {
				t.Errorf("%s: no file field", name)
			}
		}
		if rows, files := catStored(t, a); rows != 0 || files != 0 {
			t.Fatalf("refused uploads stored %d rows, %d files", rows, files)
		}

		// A missing part and a non-multipart body are clear 400s.
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("other", "x")
		w.Close()
		req, _ := http.NewRequest("POST", op.URL()+"/api/admin/uploads", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		if fields := expectError(t, op.Send(req), 400, "invalid", "").Fields; fields["file"] == "" {
			t.Fatalf("missing file: %v", fields)
		}
		expectError(t, op.Do("POST", "/api/admin/uploads", map[string]string{"file": "x"}), 400, "invalid", "unsupported_media_type")
	})
}

func TestCatalogUploadSizeLimit(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := catOperator(t, a)
		// Exactly 5 MiB (a real PNG padded at the end) is allowed: the route
		// accepts more than the API's 1 MiB default.
		exact := append(catPNG(t), make([]byte, media.MaxUploadSize)...)[:media.MaxUploadSize]
		catUpload(t, op, "big.png", "image/png", exact).Expect(200)
		before, _ := catStored(t, a)
		for _, size := range []int{media.MaxUploadSize + 1, 7 << 20} {
			data := append(catPNG(t), make([]byte, size)...)[:size]
			expectError(t, catUpload(t, op, "huge.png", "image/png", data), 413, "too_large", "")
		}
		if rows, files := catStored(t, a); rows != before || files != int(before) {
			t.Fatalf("oversized uploads stored something: %d rows, %d files", rows, files)
		}
		// Other admin routes keep the 1 MiB JSON limit.
		big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		expectError(t, op.Do("POST", "/api/admin/categories", big), 413, "too_large", "")
	})
}

// No name that is not exactly a stored file's name reaches the disk.
func TestCatalogUploadServingRefusesTraversal(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		secret := filepath.Join(a.Config.DataDir, "secret.png")
		if err := os.WriteFile(secret, []byte("TOPSECRET"), 0o600); err != nil {
			t.Fatal(err)
		}
		up, err := a.Media.SaveUpload(testkit.Ctx(), catActor(), catPNG(t))
		if err != nil {
			t.Fatal(err)
		}
		c := a.Client()
		for _, path := range []string{
			"/uploads/../secret.png", "/uploads/..%2fsecret.png", "/uploads/%2e%2e/secret.png",
			"/uploads/..%5csecret.png", "/uploads/" + up.Name + "/../../secret.png", "/uploads/secret.png",
			"/uploads/", "/uploads/" + strings.ToUpper(up.Name), "/uploads/" + up.Name + ".html",
			"/uploads/x/" + up.Name, "/uploads/" + strings.Repeat("0", 32) + ".png", "/uploads/..",
			"/uploads/%00" + up.Name,
		} {
			req, err := http.NewRequest("GET", c.URL()+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			res := c.Send(req)
			if res.Status != http.StatusNotFound || bytes.Contains(res.Body, []byte("TOPSECRET")) {
				t.Errorf("%s: %d %q", path, res.Status, res.Body)
			}
		}
		c.Do("GET", up.URL, nil).Expect(200)
	})
}

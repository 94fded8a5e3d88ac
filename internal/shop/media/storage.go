// Package media stores uploaded and generated images behind a Storage
// interface (local disk today; S3-compatible storage can be added as
// another implementation) and decides what counts as an image.
//
// Tables: uploads.
package media

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// ErrNotFound is returned by Storage.Open and Delete for a missing object.
var ErrNotFound = errors.New("media: object not found")

// Storage holds image files by name. Names are always checked with
// ValidName first, so an implementation never sees a path.
type Storage interface {
	// Put stores r under name. Names are random (NewName), so an existing
	// name is a bug and fails rather than being overwritten.
	Put(ctx context.Context, name, contentType string, r io.Reader) error
	// Open returns the object's content; the caller closes it.
	Open(ctx context.Context, name string) (*Object, error)
	// Delete removes the object (ErrNotFound if it did not exist).
	Delete(ctx context.Context, name string) error
}

// Object is a stored file being read. Body may also be an io.ReadSeeker
// (local files are), which lets HTTP serve ranges.
type Object struct {
	Body        io.ReadCloser
	Size        int64
	ContentType string
	ModTime     time.Time
}

// LocalStorage keeps files in one directory. Every access goes through
// os.Root, so even a name that slipped past ValidName cannot leave it.
type LocalStorage struct{ dir string }

// NewLocalStorage creates dir if needed and returns a storage on it.
func NewLocalStorage(dir string) (*LocalStorage, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("media: create %s: %w", dir, err)
	}
	return &LocalStorage{dir: dir}, nil
}

// Put writes to a temporary file and renames it into place, so a reader
// never sees half a file.
func (l *LocalStorage) Put(_ context.Context, name, _ string, r io.Reader) (err error) {
	if !ValidName(name) {
		return fmt.Errorf("media: invalid name %q", name)
	}
	root, err := os.OpenRoot(l.dir)
	if err != nil {
		return fmt.Errorf("media: open %s: %w", l.dir, err)
	}
	defer root.Close()
	tmp := ".tmp-" + randomHex(8)
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("media: create: %w", err)
	}
	defer root.Remove(tmp)
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("media: sync %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("media: close %s: %w", name, err)
	}
	if _, err := root.Stat(name); err == nil {
		return fmt.Errorf("media: %s already exists", name)
	}
	if err := root.Rename(tmp, name); err != nil {
		return fmt.Errorf("media: store %s: %w", name, err)
	}
	return nil
}

// Open opens a stored file.
func (l *LocalStorage) Open(_ context.Context, name string) (*Object, error) {
	ct, ok := TypeOf(name)
	if !ok || !ValidName(name) {
		return nil, ErrNotFound
	}
	f, err := os.OpenInRoot(l.dir, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("media: open %s: %w", name, err)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, ErrNotFound
	}
	return &Object{Body: f, Size: st.Size(), ContentType: ct, ModTime: st.ModTime()}, nil
}

// Delete removes a stored file.
func (l *LocalStorage) Delete(_ context.Context, name string) error {
	if !ValidName(name) {
		return ErrNotFound
	}
	root, err := os.OpenRoot(l.dir)
	if err != nil {
		return fmt.Errorf("media: open %s: %w", l.dir, err)
	}
	defer root.Close()
	err = root.Remove(name)
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	return err
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return hex.EncodeToString(b)
}

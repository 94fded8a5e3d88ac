// Package media stores uploaded images behind a Storage interface.
package media

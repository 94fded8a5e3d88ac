// Command fenxiao is the whole Fenxiao storefront in one binary.
package main

import (
	"os"

	"fenxiao/internal/app"
)

func main() { os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr)) }

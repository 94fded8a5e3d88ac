// The API schema both apps compile against, generated once from the Go
// server: `fenxiao openapi` -> shared/api/openapi.json, and openapi-typescript
// over that -> shared/api/schema.d.ts.
//
//   node shared/scripts/api-schema.mjs write   regenerate both files (npm run gen:api, make api)
//   node shared/scripts/api-schema.mjs check   fail when a committed file differs from what
//                                              write would produce (npm run check:api, make test)
//
// Both run `go run ./cmd/fenxiao openapi` in the repository root; set
// FENXIAO_OPENAPI=path/to/openapi.json to compare against a file instead.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../../..')
const JSON_FILE = path.resolve(here, '../api/openapi.json')
const TYPES_FILE = path.resolve(here, '../api/schema.d.ts')
const REGENERATE = 'cd web && npm run gen:api   (or: make api)'
const rel = (f) => path.relative(repo, f)

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts })
  if (res.error) throw new Error(`${cmd}: ${res.error.message}`)
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}\n${res.stderr}`)
  return res.stdout
}

/** The OpenAPI document the server describes itself with now. */
function serverDocument() {
  if (process.env.FENXIAO_OPENAPI) return readFileSync(process.env.FENXIAO_OPENAPI, 'utf8')
  return run(process.env.GO || 'go', ['run', './cmd/fenxiao', 'openapi'], { cwd: repo })
}

/** openapi-typescript's output for the document in jsonFile. */
function typesFor(jsonFile) {
  const pkg = createRequire(import.meta.url).resolve('openapi-typescript/package.json')
  const cli = path.join(path.dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin['openapi-typescript'])
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fenxiao-schema-'))
  try {
    const out = path.join(dir, 'schema.d.ts')
    run(process.execPath, [cli, jsonFile, '-o', out])
    return readFileSync(out, 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function write() {
  writeFileSync(JSON_FILE, serverDocument())
  writeFileSync(TYPES_FILE, typesFor(JSON_FILE))
  console.log(`wrote ${rel(JSON_FILE)} and ${rel(TYPES_FILE)}`)
}

function check() {
  const stale = []
  if (serverDocument() !== readFileSync(JSON_FILE, 'utf8')) stale.push(`${rel(JSON_FILE)} differs from \`fenxiao openapi\``)
  if (typesFor(JSON_FILE) !== readFileSync(TYPES_FILE, 'utf8')) stale.push(`${rel(TYPES_FILE)} differs from openapi-typescript's output for ${rel(JSON_FILE)}`)
  if (stale.length) {
    console.error(`The committed API schema is out of date:\n  ${stale.join('\n  ')}\nRegenerate it with: ${REGENERATE}`)
    process.exit(1)
  }
  console.log(`${rel(JSON_FILE)} and ${rel(TYPES_FILE)} match the server`)
}

const mode = process.argv[2]
if (mode === 'write') write()
else if (mode === 'check') check()
else {
  console.error('usage: api-schema.mjs write|check')
  process.exit(2)
}

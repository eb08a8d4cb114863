/**
 * A compressing reverse proxy in front of the local ROR sandbox, as an API gateway in front of
 * the ROR would be: every answer is compressed with the coding the client accepts (gzip, then
 * br, then deflate), `Content-Length` dropped. The `Host` header is passed on, so the sandbox's
 * `next` links and `$export` file URLs point back to the proxy. `cut` truncates the next
 * compressed bodies (a connection lost mid-download).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBrotliCompress, createDeflate, createGzip, type Gzip } from 'node:zlib'

export interface GzipProxy {
  url: string
  /** Codings sent so far, by name ('identity' when the client accepted none). */
  codings: Map<string, number>
  /**
   * The next `count` compressed bodies longer than `bytes` are cut there: the answer ends
   * cleanly with a stream that stops short ('end'), or the connection is lost ('reset').
   */
  cut(count: number, bytes: number, how: 'end' | 'reset'): void
  /** Bodies cut so far. */
  readonly cutBodies: number
  close(): Promise<void>
}

function codingFor(accept: string | undefined): 'gzip' | 'br' | 'deflate' | 'identity' {
  const offered = (accept ?? '').split(',').map((c) => c.trim().split(';')[0]!.toLowerCase())
  for (const coding of ['gzip', 'br', 'deflate'] as const) {
    if (offered.includes(coding)) return coding
  }
  return 'identity'
}

function compressor(coding: 'gzip' | 'br' | 'deflate'): Gzip {
  if (coding === 'gzip') return createGzip({ level: 1 })
  if (coding === 'br') return createBrotliCompress()
  return createDeflate({ level: 1 })
}

export async function startGzipProxy(target: string): Promise<GzipProxy> {
  const upstream = new URL(target)
  const codings = new Map<string, number>()
  const cuts = { left: 0, bytes: 0, done: 0, how: 'reset' as 'end' | 'reset' }

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const coding = codingFor(req.headers['accept-encoding'])
    codings.set(coding, (codings.get(coding) ?? 0) + 1)
    const headers = { ...req.headers }
    delete headers['accept-encoding'] // the sandbox answers plainly; the proxy compresses
    const out = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers,
      },
      (answer) => {
        const head = { ...answer.headers }
        if (coding === 'identity') {
          res.writeHead(answer.statusCode ?? 502, head)
          answer.pipe(res)
          return
        }
        delete head['content-length']
        head['content-encoding'] = coding
        res.writeHead(answer.statusCode ?? 502, head)
        const packed = answer.pipe(compressor(coding))
        if (cuts.left > 0) {
          cuts.left -= 1 // claimed; given back if the body is shorter than the cut
          let sent = 0
          packed.on('data', (chunk: Buffer) => {
            if (sent >= cuts.bytes) return
            const room = cuts.bytes - sent
            sent += chunk.length
            if (sent < cuts.bytes) {
              res.write(chunk)
              return
            }
            cuts.done += 1
            // 'end': a complete HTTP answer whose compressed stream stops short (a broken
            // gateway); 'reset': the connection lost.
            if (cuts.how === 'end') res.end(chunk.subarray(0, room))
            else {
              res.write(chunk.subarray(0, room))
              res.socket?.destroy()
            }
          })
          packed.on('end', () => {
            if (sent >= cuts.bytes) return
            cuts.left += 1
            res.end()
          })
          return
        }
        packed.pipe(res)
      },
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  }

  const server = createServer(forward)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    codings,
    cut: (count, bytes, how) => {
      Object.assign(cuts, { left: count, bytes, how })
    },
    get cutBodies() {
      return cuts.done
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

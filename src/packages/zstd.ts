/**
 * Zstandard, as modern Anki packages use it (the collection, each media file and the media map of
 * the "latest" format). Through zstd-napi: Node-API bindings to the reference C library, compiled
 * from the sources it ships when no prebuilt binary can be downloaded, and needing no network at
 * run time. Its low-level streaming calls are synchronous, so a large collection or media file is
 * compressed or expanded through a fixed-size buffer while the action holds the collection, never
 * as a whole in memory.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type * as ZstdBinding from 'zstd-napi/binding.js';

// The binding is a CommonJS module whose exports Node's ESM loader cannot list, so it is required.
const zstd = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;

/** Size of the output buffer each call fills: large enough that per-call overhead does not show. */
const CHUNK = 1 << 17;

/** Anki's threshold for multithreaded compression. */
const MULTITHREAD_ABOVE = 10 * 1024 * 1024;

/** Receives output bytes. The chunk is only valid during the call (its buffer is reused). */
export type ChunkSink = (chunk: Uint8Array) => void;

/** Bytes that do not decompress: not zstd, truncated or damaged. */
export class ZstdError extends Error {}

/**
 * A streaming compressor writing zstd frames to a sink, at Anki's level 0 (the library's default).
 * One encoder can write many frames in turn (`begin` … `end`), reusing its context and buffers as
 * Anki reuses its encoder for the media files: a context holds megabytes, freed only when the
 * garbage collector gets to it. When the caller knows a frame's input is larger than 10 MB, the
 * library may use worker threads, as Anki lets it (that changes speed, not what a decoder reads).
 */
export class ZstdEncoder {
  private readonly ctx = new zstd.CCtx();
  private readonly out = Buffer.allocUnsafe(CHUNK);
  private sink: ChunkSink;

  constructor(sink: ChunkSink = () => undefined, expectedBytes = 0) {
    this.sink = sink;
    this.begin(sink, expectedBytes);
  }

  /** Starts a new frame written to `sink` (the previous one must have ended). */
  begin(sink: ChunkSink, expectedBytes = 0): void {
    this.sink = sink;
    this.ctx.reset(zstd.ResetDirective.sessionAndParameters);
    this.ctx.setParameter(zstd.CParameter.compressionLevel, 0);
    if (expectedBytes > MULTITHREAD_ABOVE) {
      try {
        this.ctx.setParameter(zstd.CParameter.nbWorkers, Math.min(4, Math.max(1, availableParallelism())));
      } catch {
        // A library built without threads refuses the parameter; it then compresses on this one.
      }
    }
  }

  write(input: Uint8Array): void {
    // Nothing is passed for no input: a frame ended before any input is written whole, with its
    // size (0) in the header, as Anki's encoder writes an empty media map or file.
    if (input.length > 0) this.pump(input, zstd.EndDirective.continue);
  }

  /** Ends the frame, flushing everything to the sink. */
  end(): void {
    this.pump(new Uint8Array(0), zstd.EndDirective.end);
  }

  private pump(input: Uint8Array, directive: ZstdBinding.EndDirective): void {
    let rest = input;
    for (;;) {
      const [remaining, produced, consumed] = this.ctx.compressStream2(this.out, rest, directive);
      if (produced > 0) this.sink(this.out.subarray(0, produced));
      rest = rest.subarray(consumed);
      const done = directive === zstd.EndDirective.continue ? rest.length === 0 : remaining === 0 && rest.length === 0;
      if (done) return;
    }
  }
}

/**
 * A streaming decompressor: feed it the compressed bytes in any pieces; it passes the expanded
 * bytes to `sink`. Several frames in a row are read as one stream, as zstd's decoder reads them.
 * `end()` fails when the input stopped inside a frame.
 */
export class ZstdDecoder {
  private readonly ctx = new zstd.DCtx();
  private readonly out = Buffer.allocUnsafe(CHUNK);
  private midFrame = false;
  private seenInput = false;

  constructor(private readonly sink: ChunkSink) {}

  write(input: Uint8Array): void {
    if (input.length > 0) this.seenInput = true;
    let rest = input;
    while (rest.length > 0) {
      let result: [number, number, number];
      try {
        result = this.ctx.decompressStream(this.out, rest);
      } catch (err) {
        throw new ZstdError(`zstd: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const [hint, produced, consumed] = result;
      if (produced > 0) this.sink(this.out.subarray(0, produced));
      rest = rest.subarray(consumed);
      this.midFrame = hint !== 0;
      // The output buffer was full: call again with no new input to drain what is held back.
      if (consumed === 0 && produced === 0) break;
    }
    // Output may still be held inside the decoder when the buffer filled up.
    while (this.midFrame) {
      const [hint, produced] = this.ctx.decompressStream(this.out, new Uint8Array(0));
      if (produced > 0) this.sink(this.out.subarray(0, produced));
      this.midFrame = hint !== 0;
      if (produced === 0) break;
    }
  }

  end(): void {
    if (this.midFrame || !this.seenInput) throw new ZstdError('zstd: the compressed data ends in the middle of a frame');
  }
}

/** The zstd frame of `data` (one call, for small things such as the media map). */
export function zstdCompress(data: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  const encoder = new ZstdEncoder((chunk) => parts.push(Buffer.from(chunk)));
  encoder.write(data);
  encoder.end();
  return Buffer.concat(parts);
}

/** The bytes of zstd `data`, refused past `maxBytes` of output (a guard against decompression bombs). */
export function zstdDecompress(data: Uint8Array, maxBytes = 256 * 1024 * 1024): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const decoder = new ZstdDecoder((chunk) => {
    size += chunk.length;
    if (size > maxBytes) throw new ZstdError(`zstd: the data expands to more than ${maxBytes} bytes`);
    parts.push(Buffer.from(chunk));
  });
  decoder.write(data);
  decoder.end();
  return Buffer.concat(parts, size);
}

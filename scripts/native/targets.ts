/**
 * The platforms the npm package carries prebuilt native binaries for, and what a correct binary
 * for each looks like. The key is the folder under prebuilds/ that native/install.mjs and
 * src/native/addons.ts look in (`<platform>-<arch>`, `-musl` for Linux on musl).
 */
import type { BinaryInfo } from './binary-info.js';

export type MathFunction = 'expf' | 'logf' | 'powf' | 'expm1f';

export interface Target {
  key: string;
  /** What `zig cc -target` is given. */
  zig: string;
  format: BinaryInfo['format'];
  arch: BinaryInfo['arch'];
  /**
   * Where mathf's functions must come from: the platform C library Anki's own maths calls (see
   * native/mathf.c), never an implementation linked into the binary. For glibc, the symbol
   * versions a native build on glibc 2.27 or newer binds to (2.27 brought the current expf,
   * logf and powf); Node 20 itself needs glibc 2.28, the version the binaries are built against.
   */
  mathFrom: Record<MathFunction, string>;
  /** The library mathf must name among those it needs: the one its functions come from. */
  mathLibrary: string;
}

function everyFrom(from: string): Record<MathFunction, string> {
  return { expf: from, logf: from, powf: from, expm1f: from };
}

function from(version: string, library: string): Pick<Target, 'mathFrom' | 'mathLibrary'> {
  return { mathFrom: everyFrom(version), mathLibrary: library };
}

/** Mach-O and PE name the library each import comes from. */
function fromLibrary(library: string): Pick<Target, 'mathFrom' | 'mathLibrary'> {
  return from(library, library);
}

export const TARGETS: readonly Target[] = [
  {
    key: 'linux-x64',
    zig: 'x86_64-linux-gnu.2.28',
    format: 'elf',
    arch: 'x64',
    mathFrom: { ...everyFrom('GLIBC_2.27'), expm1f: 'GLIBC_2.2.5' },
    mathLibrary: 'libm.so.6',
  },
  {
    key: 'linux-arm64',
    zig: 'aarch64-linux-gnu.2.28',
    format: 'elf',
    arch: 'arm64',
    mathFrom: { ...everyFrom('GLIBC_2.27'), expm1f: 'GLIBC_2.17' },
    mathLibrary: 'libm.so.6',
  },
  // musl's symbols are not versioned; they come from its libc.so, which holds libm too.
  { key: 'linux-x64-musl', zig: 'x86_64-linux-musl', format: 'elf', arch: 'x64', ...from('', 'libc.so') },
  { key: 'linux-arm64-musl', zig: 'aarch64-linux-musl', format: 'elf', arch: 'arm64', ...from('', 'libc.so') },
  // The oldest macOS each processor runs Node 20 on.
  { key: 'darwin-x64', zig: 'x86_64-macos.10.15', format: 'macho', arch: 'x64', ...fromLibrary('/usr/lib/libSystem.B.dylib') },
  { key: 'darwin-arm64', zig: 'aarch64-macos.11.0', format: 'macho', arch: 'arm64', ...fromLibrary('/usr/lib/libSystem.B.dylib') },
  // The Universal C Runtime, which an MSVC build (node-gyp's on Windows) and Anki's Rust use.
  { key: 'win32-x64', zig: 'x86_64-windows-gnu', format: 'pe', arch: 'x64', ...fromLibrary('api-ms-win-crt-math-l1-1-0.dll') },
  { key: 'win32-arm64', zig: 'aarch64-windows-gnu', format: 'pe', arch: 'arm64', ...fromLibrary('api-ms-win-crt-math-l1-1-0.dll') },
];

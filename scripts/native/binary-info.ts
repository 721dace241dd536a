/**
 * Reads what a compiled shared library says about itself: its format and processor, the
 * libraries it needs, the symbols it imports (and from where) and the ones it exports. Enough of
 * ELF, Mach-O and PE to check a cross-compiled prebuild without the target's tools: binutils on
 * Linux reads neither Mach-O nor ARM64 PE files, and the check must not need them.
 *
 * Only the 64-bit little-endian forms are read, the only ones the prebuilds are built for.
 */
import { readFileSync } from 'node:fs';

export interface Import {
  name: string;
  /** ELF: the symbol version (`GLIBC_2.27`), or '' when unversioned; Mach-O: the dylib; PE: the DLL. */
  from: string;
}

export interface BinaryInfo {
  format: 'elf' | 'macho' | 'pe';
  arch: 'x64' | 'arm64';
  /** ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB, PE import DLLs. */
  libraries: string[];
  imports: Import[];
  exports: string[];
}

export function readBinaryInfo(path: string): BinaryInfo {
  const buf = readFileSync(path);
  if (buf.readUInt32BE(0) === 0x7f454c46) return readElf(buf);
  if (buf.readUInt32LE(0) === 0xfeedfacf) return readMachO(buf);
  if (buf.readUInt16LE(0) === 0x5a4d) return readPe(buf);
  throw new Error(`${path}: not an ELF, 64-bit Mach-O or PE file`);
}

/** The NUL-terminated string at `offset`. */
function cString(buf: Buffer, offset: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('latin1', offset, end < 0 ? buf.length : end);
}

function arch(format: string, machine: number, x64: number, arm64: number): 'x64' | 'arm64' {
  if (machine === x64) return 'x64';
  if (machine === arm64) return 'arm64';
  throw new Error(`${format}: unexpected machine 0x${machine.toString(16)}`);
}

function readElf(buf: Buffer): BinaryInfo {
  if (buf[4] !== 2 || buf[5] !== 1) throw new Error('ELF: not 64-bit little-endian');
  const machine = arch('ELF', buf.readUInt16LE(0x12), 62, 183);
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const sections = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      type: buf.readUInt32LE(at + 4),
      offset: Number(buf.readBigUInt64LE(at + 0x18)),
      size: Number(buf.readBigUInt64LE(at + 0x20)),
      link: buf.readUInt32LE(at + 0x28),
    };
  });
  const SHT_DYNAMIC = 6, SHT_DYNSYM = 11, SHT_GNU_VERNEED = 0x6ffffffe, SHT_GNU_VERSYM = 0x6fffffff;
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (dynsym === undefined) return { format: 'elf', arch: machine, libraries: [], imports: [], exports: [] };
  const strtab = sections[dynsym.link]!.offset;

  // Version index → name, from the version needs (vna_other is the index .gnu.version uses).
  const versionNames = new Map<number, string>();
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (verneed !== undefined) {
    let need = verneed.offset;
    for (;;) {
      let aux = need + buf.readUInt32LE(need + 8);
      for (let n = buf.readUInt16LE(need + 2); n > 0; n--) {
        versionNames.set(buf.readUInt16LE(aux + 6), cString(buf, strtab + buf.readUInt32LE(aux + 8)));
        aux += buf.readUInt32LE(aux + 12);
      }
      const next = buf.readUInt32LE(need + 12);
      if (next === 0) break;
      need += next;
    }
  }
  const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);

  const imports: Import[] = [];
  const exports: string[] = [];
  for (let i = 1; i < dynsym.size / 24; i++) {
    const at = dynsym.offset + i * 24;
    const name = cString(buf, strtab + buf.readUInt32LE(at));
    const bind = buf[at + 4]! >> 4;
    const shndx = buf.readUInt16LE(at + 6);
    if (name === '' || (bind !== 1 && bind !== 2)) continue; // local, or unnamed
    if (shndx === 0) {
      const version = versym === undefined ? 0 : buf.readUInt16LE(versym.offset + i * 2) & 0x7fff;
      imports.push({ name, from: versionNames.get(version) ?? '' });
    } else exports.push(name);
  }

  const libraries: string[] = [];
  const dynamic = sections.find((s) => s.type === SHT_DYNAMIC);
  if (dynamic !== undefined) {
    const dynstr = sections[dynamic.link]!.offset;
    for (let at = dynamic.offset; at < dynamic.offset + dynamic.size; at += 16) {
      const tag = buf.readBigInt64LE(at);
      if (tag === 0n) break;
      if (tag === 1n) libraries.push(cString(buf, dynstr + Number(buf.readBigUInt64LE(at + 8))));
    }
  }
  return { format: 'elf', arch: machine, libraries, imports, exports };
}

function readMachO(buf: Buffer): BinaryInfo {
  const machine = arch('Mach-O', buf.readUInt32LE(4), 0x01000007, 0x0100000c);
  const LC_SYMTAB = 0x2, LC_LOAD_DYLIB = 0xc, LC_REQ_DYLD = 0x80000000;
  const libraries: string[] = [];
  let symtab: { symoff: number; nsyms: number; stroff: number } | undefined;
  let at = 32;
  for (let n = buf.readUInt32LE(16); n > 0; n--) {
    const cmd = buf.readUInt32LE(at);
    if (cmd === LC_SYMTAB) symtab = { symoff: buf.readUInt32LE(at + 8), nsyms: buf.readUInt32LE(at + 12), stroff: buf.readUInt32LE(at + 16) };
    if ((cmd & ~LC_REQ_DYLD) === LC_LOAD_DYLIB) libraries.push(cString(buf, at + buf.readUInt32LE(at + 8)));
    at += buf.readUInt32LE(at + 4);
  }
  const imports: Import[] = [];
  const exports: string[] = [];
  if (symtab !== undefined) {
    const N_EXT = 0x01, N_TYPE = 0x0e, N_UNDF = 0x0, N_SECT = 0xe, DYNAMIC_LOOKUP_ORDINAL = 0xfe;
    for (let i = 0; i < symtab.nsyms; i++) {
      const entry = symtab.symoff + i * 16;
      const type = buf[entry + 4]!;
      if ((type & N_EXT) === 0) continue;
      // C symbols carry a leading underscore in Mach-O.
      const name = cString(buf, symtab.stroff + buf.readUInt32LE(entry)).replace(/^_/, '');
      if ((type & N_TYPE) === N_UNDF) {
        // Two-level namespace: the high byte of n_desc is the 1-based index of the dylib.
        const ordinal = buf.readUInt16LE(entry + 6) >> 8;
        const from = ordinal === DYNAMIC_LOOKUP_ORDINAL ? '(dynamic lookup)' : (libraries[ordinal - 1] ?? '');
        imports.push({ name, from });
      } else if ((type & N_TYPE) === N_SECT) exports.push(name);
    }
  }
  return { format: 'macho', arch: machine, libraries, imports, exports };
}

function readPe(buf: Buffer): BinaryInfo {
  const pe = buf.readUInt32LE(0x3c);
  if (buf.readUInt32BE(pe) !== 0x50450000) throw new Error('PE: no PE signature');
  const coff = pe + 4;
  const machine = arch('PE', buf.readUInt16LE(coff), 0x8664, 0xaa64);
  const nsections = buf.readUInt16LE(coff + 2);
  const optional = coff + 20;
  if (buf.readUInt16LE(optional) !== 0x20b) throw new Error('PE: not PE32+');
  const sectionTable = optional + buf.readUInt16LE(coff + 16);
  const sections = Array.from({ length: nsections }, (_, i) => {
    const at = sectionTable + i * 40;
    return { va: buf.readUInt32LE(at + 12), size: Math.max(buf.readUInt32LE(at + 8), buf.readUInt32LE(at + 16)), raw: buf.readUInt32LE(at + 20) };
  });
  const offset = (rva: number): number => {
    const s = sections.find((section) => rva >= section.va && rva < section.va + section.size);
    if (s === undefined) throw new Error(`PE: address 0x${rva.toString(16)} is in no section`);
    return rva - s.va + s.raw;
  };
  const directory = (index: number) => ({ rva: buf.readUInt32LE(optional + 112 + index * 8), size: buf.readUInt32LE(optional + 116 + index * 8) });

  const exports: string[] = [];
  const exportDir = directory(0);
  if (exportDir.size > 0) {
    const at = offset(exportDir.rva);
    const names = offset(buf.readUInt32LE(at + 32));
    for (let i = 0; i < buf.readUInt32LE(at + 24); i++) exports.push(cString(buf, offset(buf.readUInt32LE(names + i * 4))));
  }

  const libraries: string[] = [];
  const imports: Import[] = [];
  const importDir = directory(1);
  if (importDir.size > 0) {
    for (let desc = offset(importDir.rva); buf.readUInt32LE(desc + 12) !== 0; desc += 20) {
      const dll = cString(buf, offset(buf.readUInt32LE(desc + 12)));
      libraries.push(dll);
      // The lookup table (or, when absent, the address table as written in the file).
      let thunk = offset(buf.readUInt32LE(desc) || buf.readUInt32LE(desc + 16));
      for (let entry = buf.readBigUInt64LE(thunk); entry !== 0n; thunk += 8, entry = buf.readBigUInt64LE(thunk)) {
        const byOrdinal = (entry & (1n << 63n)) !== 0n;
        const name = byOrdinal ? `#${entry & 0xffffn}` : cString(buf, offset(Number(entry & 0x7fffffffn)) + 2);
        imports.push({ name, from: dll });
      }
    }
  }
  return { format: 'pe', arch: machine, libraries, imports, exports };
}

/**
 * What a native addon (`.node` file) binds to, read from the binary itself: its entry point and
 * the engine symbols it imports. A Node-API addon exports `napi_register_module_v1` and talks to
 * the runtime only through `napi_*` functions, so one binary loads in every Node and Electron with
 * that Node-API version. A V8-API addon exports `node_register_module_v<ABI>` (the ABI number is
 * baked into the symbol name) and imports V8/Node C++ symbols; it loads only in the runtime whose
 * NODE_MODULE_VERSION it was compiled for.
 *
 * ELF (Linux) is parsed properly: the dynamic symbol table (.dynsym). Mach-O and PE are searched
 * for the symbol names as bytes, which finds the names but cannot tell exports from imports.
 */
import { readFileSync } from 'node:fs';

export interface AddonSymbols {
  format: 'elf' | 'mach-o' | 'pe' | 'unknown';
  /** How the names were found: the symbol table, or a byte search for the names. */
  method: 'symbol-table' | 'name-search';
  /**
   * Exports `napi_register_module_v1`, the Node-API entry point (or, in addons built with headers
   * older than Node 12, registers through an imported `napi_module_register`).
   */
  napiEntry: boolean;
  /** `node_register_module_v<N>` entry points: bound to one NODE_MODULE_VERSION. */
  nodeAbiEntries: string[];
  /** Imported V8 / Node C++ symbols (in Mach-O and PE: such names anywhere in the file): also bound to one ABI. */
  engineImports: string[];
}

const NAPI_ENTRY = 'napi_register_module_v1';
const NODE_ABI_ENTRY = /^_?node_register_module_v\d+$/;
/**
 * Itanium-mangled names in namespace v8:: or node:: (`_ZN2v8…`, `_ZNK2v8…`, `_ZN4node…`), and the
 * pre-`NODE_MODULE_INIT` registration `node_module_register` (whose struct carries the ABI number).
 */
const ENGINE_SYMBOL = /^(_ZNK?(2v8|4node)|node_module_register$)/;

export function readAddonSymbols(file: string): AddonSymbols {
  const bytes = readFileSync(file);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x7f454c46) return fromElf(bytes, file);
  const format = machOrPe(bytes);
  const text = bytes.toString('latin1');
  return {
    format,
    method: 'name-search',
    napiEntry: text.includes(NAPI_ENTRY) || text.includes('napi_module_register'),
    nodeAbiEntries: [...new Set(text.match(/node_register_module_v\d+/g) ?? [])],
    // Itanium (Mach-O: one more leading underscore) and MSVC (PE: `?Name@v8@@…`) manglings.
    engineImports: [...new Set(text.match(/_ZNK?(?:2v8|4node)\w+|\?\w+@(?:v8|node)@@\w*|\bnode_module_register\b/g) ?? [])].slice(0, 5),
  };
}

function machOrPe(bytes: Buffer): AddonSymbols['format'] {
  if (bytes.length < 4) return 'unknown';
  const magic = bytes.readUInt32BE(0);
  // 64/32-bit, either byte order, and universal ("fat") binaries.
  if ([0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe, 0xcafebabe].includes(magic)) return 'mach-o';
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return 'pe';
  return 'unknown';
}

const SHT_DYNSYM = 11;
const STB_GLOBAL = 1;
const STB_WEAK = 2;

function fromElf(bytes: Buffer, file: string): AddonSymbols {
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const word = (at: number) => (is64 ? Number(little ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at)) : u32(at));

  const sectionTable = word(is64 ? 0x28 : 0x20);
  const sectionSize = u16(is64 ? 0x3a : 0x2e);
  const sectionCount = u16(is64 ? 0x3c : 0x30);
  const section = (index: number) => {
    const at = sectionTable + index * sectionSize;
    return {
      type: u32(at + 4),
      offset: word(at + (is64 ? 0x18 : 0x10)),
      size: word(at + (is64 ? 0x20 : 0x14)),
      link: u32(at + (is64 ? 0x28 : 0x18)),
      entrySize: word(at + (is64 ? 0x38 : 0x24)),
    };
  };

  const exported: string[] = [];
  const imported: string[] = [];
  let found = false;
  for (let i = 0; i < sectionCount; i += 1) {
    const symbols = section(i);
    if (symbols.type !== SHT_DYNSYM) continue;
    found = true;
    const strings = section(symbols.link);
    const count = symbols.entrySize > 0 ? Math.floor(symbols.size / symbols.entrySize) : 0;
    for (let s = 1; s < count; s += 1) {
      const at = symbols.offset + s * symbols.entrySize;
      const nameAt = u32(at);
      const info = bytes[at + (is64 ? 4 : 12)]!;
      const sectionIndex = u16(at + (is64 ? 6 : 14));
      const end = bytes.indexOf(0, strings.offset + nameAt);
      const name = bytes.toString('latin1', strings.offset + nameAt, end);
      const bind = info >> 4;
      if (sectionIndex === 0) imported.push(name);
      else if (bind === STB_GLOBAL || bind === STB_WEAK) exported.push(name);
    }
  }
  if (!found) throw new Error(`${file}: ELF file without a dynamic symbol table; not a loadable addon`);
  return {
    format: 'elf',
    method: 'symbol-table',
    napiEntry: exported.includes(NAPI_ENTRY) || imported.includes('napi_module_register'),
    nodeAbiEntries: exported.filter((name) => NODE_ABI_ENTRY.test(name)),
    engineImports: imported.filter((name) => ENGINE_SYMBOL.test(name)).slice(0, 5),
  };
}

/**
 * A linear-time matcher for parsed Rust regexes: the pattern becomes a Thompson NFA, simulated
 * one character at a time as a lazily built DFA, the way Rust's regex crate (and RE2) runs
 * without ever backtracking. Every character of the text is looked at once, each time with at
 * most one pass over the NFA's states, so a pattern such as `(a+)+$` or `(.*a){12}x` costs no
 * more than its size times the text's length.
 *
 * Only "does it match somewhere" is answered: that is all a search asks.
 *
 * What one character may be (a literal, a class, the dot) is still decided by a one-character
 * JavaScript RegExp from the emitter, which cannot backtrack; zero-width assertions are decided
 * here from the characters on either side.
 */
import { WORD_ASCII, WORD_UNICODE } from './regex-scanner.js';
import { RustRegexError } from './regex-syntax.js';
import type { AssertionKind, Node } from './regex-syntax.js';

/** Tells whether one code point is a member. */
type CharTest = (cp: number) => boolean;

type Inst =
  | { op: 'char'; test: CharTest; next: number }
  | { op: 'split'; targets: number[] }
  | { op: 'assert'; kind: AssertionKind; crlf: boolean; unicode: boolean; next: number }
  | { op: 'match' };

/**
 * Rust's limit on a compiled regex (10 MiB). Our NFA is counted in states, not bytes, so the
 * states allowed are set to the bytes over a conservative 16 per state: a pattern refused here
 * is one Rust refuses too, though Rust may refuse a little earlier.
 */
const SIZE_LIMIT_BYTES = 10 * (1 << 20);
const MAX_STATES = SIZE_LIMIT_BYTES / 16;
// Rust's text, without its full stop: the search error that quotes it ends with one.
const TOO_BIG = `Compiled regex exceeds size limit of ${SIZE_LIMIT_BYTES} bytes`;

/** Builds the NFA; `atom` gives the test for a node that matches one character. */
class Compiler {
  readonly insts: Inst[] = [];

  constructor(private readonly atom: (node: Node) => CharTest) {}

  private add(inst: Inst): number {
    if (this.insts.length >= MAX_STATES) throw new RustRegexError(TOO_BIG);
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  /** Emits `node` so that it continues at the returned list of holes, patched by the caller. */
  compile(node: Node): number[] {
    switch (node.type) {
      case 'literal':
      case 'class':
      case 'dot': {
        const pc = this.add({ op: 'char', test: this.atom(node), next: -1 });
        return [pc];
      }
      case 'assert': {
        const pc = this.add({ op: 'assert', kind: node.kind, crlf: node.crlf, unicode: node.unicode, next: -1 });
        return [pc];
      }
      case 'group':
        return this.compile(node.node);
      case 'concat': {
        let holes: number[] | undefined;
        for (const item of node.items) {
          const start = this.insts.length;
          const next = this.compile(item);
          if (holes !== undefined) this.patch(holes, start);
          holes = next;
        }
        return holes ?? this.empty();
      }
      case 'alt': {
        const split = this.add({ op: 'split', targets: [] });
        const holes: number[] = [];
        for (const branch of node.branches) {
          (this.insts[split] as { targets: number[] }).targets.push(this.insts.length);
          holes.push(...this.compile(branch));
        }
        return holes;
      }
      case 'repeat':
        return this.repeat(node.node, node.min, node.max);
    }
  }

  /** An empty expression: a split with one way on. */
  private empty(): number[] {
    return [this.add({ op: 'split', targets: [] })];
  }

  private repeat(body: Node, min: number, max: number | undefined): number[] {
    let holes: number[] | undefined;
    const chain = (next: number[]): void => {
      holes = next;
    };
    for (let i = 0; i < min; i++) {
      const start = this.insts.length;
      const next = this.compile(body);
      if (holes !== undefined) this.patch(holes, start);
      chain(next);
    }
    if (max === undefined) {
      // L: split(body, out); body → L
      const loop = this.add({ op: 'split', targets: [] });
      if (holes !== undefined) this.patch(holes, loop);
      (this.insts[loop] as { targets: number[] }).targets.push(this.insts.length);
      this.patch(this.compile(body), loop);
      return [loop];
    }
    const exits: number[] = [];
    for (let i = min; i < max; i++) {
      const split = this.add({ op: 'split', targets: [] });
      if (holes !== undefined) this.patch(holes, split);
      exits.push(split);
      (this.insts[split] as { targets: number[] }).targets.push(this.insts.length);
      chain(this.compile(body));
    }
    return [...exits, ...(holes ?? this.empty())];
  }

  /** Points every hole at `target`: a char or assert's next, or a split's extra way on. */
  patch(holes: readonly number[], target: number): void {
    for (const pc of holes) {
      const inst = this.insts[pc];
      if (inst === undefined || inst.op === 'match') continue;
      if (inst.op === 'split') inst.targets.push(target);
      else inst.next = target;
    }
  }
}

// What an assertion needs to know about the character before a position, as bits of a state.
const PREV_NONE = 1; // start of the text
const PREV_NL = 2;
const PREV_CR = 4;
const PREV_WORD_U = 8;
const PREV_WORD_A = 16;

const END = -1;

/**
 * Whether a one-character RegExp (`^…$`) matches a code point, remembered: a table for ASCII, a
 * bounded map for the rest. (Texts repeat the same few characters; the RegExp costs far more.)
 */
export function memberTest(regex: RegExp): (cp: number) => boolean {
  const ascii = new Int8Array(128);
  const other = new Map<number, boolean>();
  return (cp) => {
    if (cp < 0) return false;
    if (cp < 0x80) {
      if (ascii[cp] === 0) ascii[cp] = regex.test(String.fromCharCode(cp)) ? 1 : 2;
      return ascii[cp] === 1;
    }
    let member = other.get(cp);
    if (member === undefined) {
      member = regex.test(String.fromCodePoint(cp));
      if (other.size > 4096) other.clear();
      other.set(cp, member);
    }
    return member;
  };
}

const isWordUnicode = memberTest(new RegExp(`^[${WORD_UNICODE}]$`, 'v'));
const isWordAscii = memberTest(new RegExp(`^[${WORD_ASCII}]$`, 'v'));

function contextOf(cp: number): number {
  if (cp === END) return PREV_NONE;
  let bits = 0;
  if (cp === 0x0a) bits |= PREV_NL;
  if (cp === 0x0d) bits |= PREV_CR;
  if (isWordUnicode(cp)) bits |= PREV_WORD_U;
  if (isWordAscii(cp)) bits |= PREV_WORD_A;
  return bits;
}

/** Whether an assertion holds between the character before (as context bits) and `next`. */
function holds(inst: Extract<Inst, { op: 'assert' }>, prev: number, next: number): boolean {
  switch (inst.kind) {
    case 'text-start':
      return (prev & PREV_NONE) !== 0;
    case 'text-end':
      return next === END;
    case 'line-start':
      if ((prev & (PREV_NONE | PREV_NL)) !== 0) return true;
      return inst.crlf && (prev & PREV_CR) !== 0 && next !== 0x0a;
    case 'line-end':
      if (next === END || (inst.crlf ? next === 0x0d : next === 0x0a)) return true;
      return inst.crlf && next === 0x0a && (prev & PREV_CR) === 0;
  }
  const before = (prev & (inst.unicode ? PREV_WORD_U : PREV_WORD_A)) !== 0;
  const after = inst.unicode ? isWordUnicode(next) : isWordAscii(next);
  switch (inst.kind) {
    case 'word':
      return before !== after;
    case 'not-word':
      return before === after;
    case 'word-start':
      return !before && after;
    case 'word-end':
      return before && !after;
    case 'word-start-half':
      return !before;
    case 'word-end-half':
      return !after;
  }
}

/** A DFA state: the NFA states to go on from, and what the last character was. */
interface DState {
  kernel: number[];
  prev: number;
  ascii: (DState | typeof MATCHED | undefined)[];
  other: Map<number, DState | typeof MATCHED>;
  atEnd: boolean | undefined;
}

const MATCHED = Symbol('matched');
/** DFA states kept before the cache starts again (each costs at most the NFA's size). */
const MAX_DFA_STATES = 4096;

/** A compiled pattern: `test` tells whether it matches anywhere in a text. */
export class LinearRegex {
  private readonly states = new Map<string, DState>();
  private readonly usesContext: boolean;
  private readonly mark: Uint32Array;
  private generation = 0;
  private start: DState | undefined;

  constructor(private readonly insts: readonly Inst[]) {
    this.usesContext = insts.some((inst) => inst.op === 'assert');
    this.mark = new Uint32Array(insts.length);
  }

  test(text: string): boolean {
    let state = this.start ?? (this.start = this.intern([0], PREV_NONE));
    const length = text.length;
    let built = 0;
    for (let i = 0; i < length; i++) {
      const at = i;
      // A pair's code point, or a lone surrogate's own value.
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      let next = cp < 0x80 ? state.ascii[cp] : state.other.get(cp);
      if (next === undefined) {
        // A pattern whose DFA keeps growing (`a[ab]{20}c` has 2^21 states) would build a state
        // for nearly every character: the rest of the text is then run on the NFA directly.
        if (++built > 256 && built * 4 > at) return this.simulate(text, at, state.kernel, state.prev);
        next = this.step(state, cp);
        if (cp < 0x80) state.ascii[cp] = next;
        else state.other.set(cp, next);
      }
      if (next === MATCHED) return true;
      state = next;
    }
    state.atEnd ??= this.closure(state, END) === MATCHED;
    return state.atEnd;
  }

  /** The same answer as `test`, found without the DFA (for tests of the two against each other). */
  testOnNfa(text: string): boolean {
    return this.simulate(text, 0, [0], PREV_NONE);
  }

  /**
   * The NFA run from `from` in `text` without building DFA states: each character costs one pass
   * over the states reached, in buffers allocated once.
   */
  private simulate(text: string, from: number, kernel: readonly number[], prev: number): boolean {
    const size = this.insts.length;
    let current = Int32Array.from(kernel);
    let count = current.length;
    let next = new Int32Array(size + 1);
    const chars = new Int32Array(size);
    // Each state is marked as it is pushed, so the stack never holds more than all of them.
    const stack = new Int32Array(size);
    const mark = this.mark;
    const length = text.length;
    for (let i = from; ; i++) {
      const cp = i < length ? (text.codePointAt(i) as number) : END;
      if (cp > 0xffff) i++;
      // The closure of the current states, with `cp` ahead.
      const gen = this.nextGeneration();
      let top = 0;
      let found = 0;
      for (let k = count - 1; k >= 0; k--) {
        const pc = current[k] as number;
        if (mark[pc] !== gen) {
          mark[pc] = gen;
          stack[top++] = pc;
        }
      }
      while (top > 0) {
        const pc = stack[--top] as number;
        const inst = this.insts[pc] as Inst;
        if (inst.op === 'match') return true;
        if (inst.op === 'char') {
          chars[found++] = pc;
        } else if (inst.op === 'split') {
          for (let k = inst.targets.length - 1; k >= 0; k--) {
            const target = inst.targets[k] as number;
            if (mark[target] !== gen) {
              mark[target] = gen;
              stack[top++] = target;
            }
          }
        } else if (mark[inst.next] !== gen && holds(inst, prev, cp)) {
          mark[inst.next] = gen;
          stack[top++] = inst.next;
        }
      }
      if (cp === END) return false;
      let nextCount = 0;
      next[nextCount++] = 0;
      for (let k = 0; k < found; k++) {
        const inst = this.insts[chars[k] as number] as Extract<Inst, { op: 'char' }>;
        if (inst.test(cp)) next[nextCount++] = inst.next;
      }
      [current, next] = [next, current.length >= size + 1 ? current : new Int32Array(size + 1)];
      count = nextCount;
      prev = this.usesContext ? contextOf(cp) : 0;
    }
  }

  private nextGeneration(): number {
    if (++this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** The state after reading `cp` from `state`, or MATCHED when a match ends before it. */
  private step(state: DState, cp: number): DState | typeof MATCHED {
    const chars = this.closure(state, cp);
    if (chars === MATCHED) return MATCHED;
    const kernel = [0];
    for (const pc of chars) {
      const inst = this.insts[pc] as Extract<Inst, { op: 'char' }>;
      if (inst.test(cp)) kernel.push(inst.next);
    }
    if (this.states.size >= MAX_DFA_STATES) {
      this.states.clear();
      this.start = undefined;
    }
    return this.intern(kernel, this.usesContext ? contextOf(cp) : 0);
  }

  /** The char instructions reachable from the state's kernel with `next` ahead, or MATCHED. */
  private closure(state: DState, next: number): number[] | typeof MATCHED {
    const mark = this.mark;
    const gen = this.nextGeneration();
    const stack = [...state.kernel];
    const chars: number[] = [];
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const inst = this.insts[pc] as Inst;
      switch (inst.op) {
        case 'match':
          return MATCHED;
        case 'char':
          chars.push(pc);
          break;
        case 'split':
          for (let k = inst.targets.length - 1; k >= 0; k--) stack.push(inst.targets[k] as number);
          break;
        case 'assert':
          if (holds(inst, state.prev, next)) stack.push(inst.next);
          break;
      }
    }
    return chars;
  }

  private intern(kernel: number[], prev: number): DState {
    const unique = [...new Set(kernel)].sort((a, b) => a - b);
    const key = `${prev}:${unique.join(',')}`;
    let state = this.states.get(key);
    if (state === undefined) {
      state = { kernel: unique, prev, ascii: new Array<DState | typeof MATCHED | undefined>(128), other: new Map(), atEnd: undefined };
      this.states.set(key, state);
    }
    return state;
  }
}

/**
 * Compiles a parsed pattern; `atom` gives the one-character test of a literal, class or dot.
 * Throws RustRegexError when the NFA would pass Rust's size limit.
 */
export function compileLinear(node: Node, atom: (node: Node) => CharTest): LinearRegex {
  const compiler = new Compiler(atom);
  const holes = compiler.compile(node);
  const match = compiler.insts.length;
  compiler.insts.push({ op: 'match' });
  compiler.patch(holes, match);
  return new LinearRegex(compiler.insts);
}

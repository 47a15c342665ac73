// Worker threads for the WASM GEMM. Kernel.gemm stays synchronous: the calling thread publishes a
// job, computes chunks of C itself, and waits for the chunks that worker threads took.
//
// How C is split: into `chunks` blocks of whole rows or whole columns (multiples of the micro-tile),
// claimed one at a time by whichever thread is free, so a worker that wakes late or runs on a busy
// vCPU simply takes fewer. Every element of C is computed by one thread, with the same KC blocking
// and the same order of products as the single-threaded call — the result is bit-identical
// whatever the split or the number of threads (see assembly/gemm.ts).
//
// Protocol (all in shared memory, no messages on the hot path):
//   control (Int32Array): the job's arguments, SEQ (job number, workers Atomics.wait on it),
//     FINISHED (chunks done, the caller waits on it), FAILED, and per-thread state and counters;
//   claim (BigInt64Array, one word): (SEQ << 32) | next chunk. A thread claims chunk i of job s by
//     compare-and-swap from (s, i) to (s, i + 1), so a worker still holding an old job's arguments
//     can never take a chunk of a newer job; after each job the caller closes the word with i = 2³²−1.
// Waiting: the caller spins for SPIN_MICROSECONDS, then sleeps in Atomics.wait. A spinning thread on
// a time-shared vCPU slowed the worker it waited for 6×; sleeping costs ~35 µs of wake-up instead.
// Idle workers sleep in Atomics.wait and are unref()'d: they never keep the process alive. Workers
// are started when a job first needs them and then kept: a job names how many threads take part
// (ACTIVE), so lowering the thread count needs no restart, and raising it again costs nothing.
//
// Failures: an exception inside a worker's chunk (a WASM trap) is caught in the worker, reported
// through a MessagePort read synchronously, and rethrown here naming the thread. A worker that dies
// while computing (process.exit in the worker, an uncaught error) marks itself EXITED from its
// 'exit' handler, and the caller throws instead of waiting forever.
//
// The chunk loop is written once, as JavaScript source text: workers need it as text (they are
// started from a string, not a file, so that src/ under vitest and dist/ both work), and the caller
// builds the same function from the same text.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** The most threads a pool can run (the control block has a slot per thread). */
export const MAX_THREADS = 64;

const SPIN_MICROSECONDS = 20;

/** Slots of the control block; the same numbers are spelled out in CHUNK_LOOP below. */
const SEQ = 0;
const FINISHED = 1;
const FAILED = 2;
const FN = 3;
const ARGS = 4; // transA, transB, m, n, k, a, b, c
const SPLIT_COLUMNS = 12;
const CHUNK = 13;
const CHUNKS = 14;
const WS_BASE = 15;
const WS_BYTES = 16;
const ACTIVE = 17; // threads 0 … ACTIVE − 1 take part in the job
const STATE = 18; // + thread: 0 starting, 1 ready, -1 exited
const BUSY = STATE + MAX_THREADS; // + thread: chunk index + 1 while computing, else 0
const DONE = BUSY + MAX_THREADS; // + thread: chunks computed so far
const CONTROL_SLOTS = DONE + MAX_THREADS;

const EXITED = -1;
const CLOSED = 0xffffffffn;

const CHUNK_LOOP = String.raw`
const SEQ = 0, FINISHED = 1, FAILED = 2, FN = 3, ARGS = 4, SPLIT_COLUMNS = 12, CHUNK = 13, CHUNKS = 14, WS_BASE = 15, WS_BYTES = 16;
const ACTIVE = 17, BUSY = 18 + ${MAX_THREADS}, DONE = 18 + 2 * ${MAX_THREADS};

/** Claims the next chunk of job seq: its index, or -1 when none is left (or the job is over). */
function claimChunk(claim, seq, chunks) {
  for (;;) {
    const word = Atomics.load(claim, 0);
    if (Number(word >> 32n) !== seq) return -1;
    const i = Number(word & 0xffffffffn);
    if (i >= chunks) return -1;
    if (Atomics.compareExchange(claim, 0, word, word + 1n) === word) return i;
  }
}

/** Computes chunks of job seq on this thread until none is left; onError receives a chunk's exception. */
function runChunks(ctl, claim, gemms, thread, seq, onError) {
  if (thread >= ctl[ACTIVE]) return; // a worker beyond the job's thread count has no workspace
  const gemm = gemms[ctl[FN]];
  const transA = ctl[ARGS], transB = ctl[ARGS + 1], m = ctl[ARGS + 2], n = ctl[ARGS + 3], k = ctl[ARGS + 4];
  const a = ctl[ARGS + 5], b = ctl[ARGS + 6], c = ctl[ARGS + 7];
  const splitColumns = ctl[SPLIT_COLUMNS] === 1, chunk = ctl[CHUNK], chunks = ctl[CHUNKS];
  const ws = (ctl[WS_BASE] >>> 0) + thread * ctl[WS_BYTES];
  for (;;) {
    const i = claimChunk(claim, seq, chunks);
    if (i < 0) return;
    Atomics.store(ctl, BUSY + thread, i + 1);
    const lo = i * chunk;
    const hi = Math.min(lo + chunk, splitColumns ? n : m);
    try {
      if (splitColumns) gemm(transA, transB, m, n, k, a, b, c, 0, m, lo, hi, ws);
      else gemm(transA, transB, m, n, k, a, b, c, lo, hi, 0, n, ws);
    } catch (error) {
      onError(error);
    }
    Atomics.store(ctl, BUSY + thread, 0);
    Atomics.add(ctl, DONE + thread, 1);
    if (Atomics.add(ctl, FINISHED, 1) + 1 === chunks) Atomics.notify(ctl, FINISHED);
  }
}
`;

const WORKER_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
${CHUNK_LOOP}
const STATE = 18;
const { wasmModule, memory, control, claimBuffer, thread, port } = workerData;
const ctl = new Int32Array(control);
const claim = new BigInt64Array(claimBuffer);
process.on("exit", () => {
  Atomics.store(ctl, STATE + thread, -1);
  Atomics.notify(ctl, FINISHED);
});
const core = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports;
const gemms = [core.gemm_f32, core.gemm_f64];
const report = (error) => {
  if (Atomics.compareExchange(ctl, FAILED, 0, thread) === 0) port.postMessage(String((error && error.stack) || error));
};
Atomics.store(ctl, STATE + thread, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, SEQ, seen);
  seen = Atomics.load(ctl, SEQ);
  runChunks(ctl, claim, gemms, thread, seen, report);
}
`;

type GemmFn = (transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number, i0: number, i1: number, j0: number, j1: number, ws: number) => void;
type RunChunks = (ctl: Int32Array, claim: BigInt64Array, gemms: GemmFn[], thread: number, seq: number, onError: (error: unknown) => void) => void;

// The caller's copy of the chunk loop, built from the same text the workers run.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- workers need the loop as text; one text for both keeps them the same
const makeRunChunks = new Function(`${CHUNK_LOOP}\nreturn runChunks;`) as () => RunChunks;
const runChunks = makeRunChunks();

/** One parallel GEMM: C (m, n) = op(A)·op(B) at byte offsets a, b, c, split into chunks of rows or columns. */
export interface GemmJob {
  /** 0: gemm_f32, 1: gemm_f64 */
  fn: 0 | 1;
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: number;
  b: number;
  c: number;
  /** Split C into blocks of whole columns (true) or whole rows (false). */
  splitColumns: boolean;
  /** Columns or rows per chunk (the last chunk may be smaller). */
  chunk: number;
  /** Thread t uses the workspace at wsBase + t·wsBytes. */
  wsBase: number;
  wsBytes: number;
}

interface WorkerSlot {
  worker: Worker;
  port: MessagePort;
  /** Set by the 'error' event when the worker failed outside a chunk (e.g. while starting). */
  startError?: Error;
}

/** The worker threads of one WASM core instance. */
export class GemmThreads {
  private readonly control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
  private readonly ctl = new Int32Array(this.control);
  private readonly claimBuffer = new SharedArrayBuffer(8);
  private readonly claim = new BigInt64Array(this.claimBuffer);
  /** workers[t] runs thread t; thread 0 is the caller. */
  private readonly workers: (WorkerSlot | undefined)[] = [];
  private seq = 0;

  constructor(
    private readonly wasmModule: object,
    private readonly memory: object,
    private readonly gemms: [GemmFn, GemmFn],
  ) {}

  /**
   * Runs a job on `threads` threads, this one included, and returns when every chunk is done.
   * `callerComputes = false` leaves every chunk to the workers (tests use it to exercise them).
   */
  run(job: GemmJob, threads: number, callerComputes = true): void {
    const size = job.splitColumns ? job.n : job.m;
    const chunks = Math.ceil(size / job.chunk);
    this.startWorkers(threads);
    const ctl = this.ctl;
    ctl[FN] = job.fn;
    ctl.set([job.transA ? 1 : 0, job.transB ? 1 : 0, job.m, job.n, job.k, job.a, job.b, job.c], ARGS);
    ctl[SPLIT_COLUMNS] = job.splitColumns ? 1 : 0;
    ctl[CHUNK] = job.chunk;
    ctl[CHUNKS] = chunks;
    ctl[WS_BASE] = job.wsBase;
    ctl[WS_BYTES] = job.wsBytes;
    ctl[ACTIVE] = threads;
    ctl[FAILED] = 0;
    Atomics.store(ctl, FINISHED, 0);
    this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1;
    const seq = this.seq;
    Atomics.store(this.claim, 0, BigInt(seq) << 32n);
    Atomics.store(ctl, SEQ, seq);
    Atomics.notify(ctl, SEQ);

    let callerError: Error | undefined;
    if (callerComputes) {
      runChunks(ctl, this.claim, this.gemms, 0, seq, (error) => {
        callerError ??= error instanceof Error ? error : new Error(String(error));
      });
    }
    try {
      this.waitForChunks(chunks, callerComputes);
    } finally {
      Atomics.store(this.claim, 0, (BigInt(seq) << 32n) | CLOSED);
    }
    if (callerError !== undefined) throw callerError;
    const failed = ctl[FAILED];
    if (failed !== 0) {
      const message: unknown = receiveMessageOnPort(this.workers[failed]!.port)?.message; // the worker's error text
      throw new Error(`wasm core: gemm failed in worker thread ${failed}: ${typeof message === "string" ? message : "unknown error"}`);
    }
  }

  /** Chunks computed by each thread since the pool started (index 0: the caller). */
  chunksByThread(): number[] {
    return Array.from(this.ctl.subarray(DONE, DONE + Math.max(1, this.workers.length)));
  }

  private waitForChunks(chunks: number, callerComputes: boolean): void {
    const ctl = this.ctl;
    const spinUntil = performance.now() + SPIN_MICROSECONDS / 1000;
    while (Atomics.load(ctl, FINISHED) !== chunks && performance.now() < spinUntil);
    let waitedMs = 0;
    for (;;) {
      const finished = Atomics.load(ctl, FINISHED);
      if (finished === chunks) return;
      if (Atomics.wait(ctl, FINISHED, finished, 50) === "timed-out") waitedMs += 50;
      this.checkWorkers(callerComputes, waitedMs);
    }
  }

  /**
   * Throws if a worker died in the middle of a chunk, if no worker is left to finish the job, or
   * (when the caller computes nothing) if no worker has started within 30 s.
   */
  private checkWorkers(callerComputes: boolean, waitedMs: number): void {
    let alive = 0;
    const active = Math.min(this.workers.length, this.ctl[ACTIVE]);
    for (let t = 1; t < active; t++) {
      const slot = this.workers[t];
      if (slot === undefined) continue;
      const state = Atomics.load(this.ctl, STATE + t);
      if (state === EXITED && Atomics.load(this.ctl, BUSY + t) !== 0) {
        this.stopWorker(t);
        throw new Error(`wasm core: worker thread ${t} exited while computing part of a matrix product`);
      }
      if (state !== EXITED) alive++;
    }
    if (alive === 0) throw new Error("wasm core: no worker thread is left to finish the matrix product");
    if (!callerComputes && waitedMs > 30_000 && Atomics.load(this.ctl, FINISHED) === 0) {
      throw new Error("wasm core: no worker thread started within 30 s");
    }
  }

  private startWorkers(threads: number): void {
    for (let t = 1; t < threads; t++) {
      const slot = this.workers[t];
      if (slot?.startError !== undefined) {
        this.stopWorker(t);
        throw new Error(`wasm core: worker thread ${t} failed: ${slot.startError.message}`, { cause: slot.startError });
      }
      if (slot === undefined || Atomics.load(this.ctl, STATE + t) === EXITED) this.workers[t] = this.spawn(t);
    }
  }

  private spawn(thread: number): WorkerSlot {
    const { port1, port2 } = new MessageChannel();
    Atomics.store(this.ctl, STATE + thread, 0);
    Atomics.store(this.ctl, BUSY + thread, 0);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: `deepnotes gemm ${thread}`,
      workerData: { wasmModule: this.wasmModule, memory: this.memory, control: this.control, claimBuffer: this.claimBuffer, thread, port: port1 },
      transferList: [port1],
    });
    worker.unref();
    port2.unref();
    const slot: WorkerSlot = { worker, port: port2 };
    worker.on("error", (error) => {
      slot.startError = error;
    });
    worker.on("exit", () => {
      Atomics.store(this.ctl, STATE + thread, EXITED);
    });
    return slot;
  }

  private stopWorker(thread: number): void {
    const slot = this.workers[thread];
    if (slot === undefined) return;
    this.workers[thread] = undefined;
    Atomics.store(this.ctl, STATE + thread, EXITED);
    slot.port.close();
    void slot.worker.terminate();
  }
}

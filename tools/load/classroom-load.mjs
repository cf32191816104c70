// Classroom load: SignalR hub listeners and real Chromium student pages against a running CommitLab
// server. Usually started by run-classroom-load.sh, which publishes and starts the server, passes
// --url and --pid, and kills the server afterwards. See docs/performance.md, "Classroom (load)".
//
//   node classroom-load.mjs --url http://127.0.0.1:5000/ [--pid PID] [--sizes 50,200,500]
//        [--actions 40] [--warmup 5] [--workers 1] [--pages 20] [--page-actions 20]
//        [--chromium /usr/bin/chromium] [--gc-dll PATH] [--json FILE] [--timeout-ms 10000]
//        [--interval-ms 100] [--warm-room 20] [--warm-actions 150] [--scenario 2pc-happy-path]
//        [--play-seconds 10] [--play-scenario 2pc-leader-crash-after-commit] [--play-speed 1]
//        [--replica] [--settle-seconds 0] [--blocks 6] [--block-actions 30]
//   node classroom-load.mjs --merge a.json b.json ... [--json FILE]   one table from several runs
//
// Per room size N: the instructor opens a fresh room over the hub, N student connections join it
// (WebSockets), the instructor performs a fixed sequence of actions, each with a unique action id,
// and waits until every student has received the update carrying that id (or the timeout) before
// the next, sending at most one action per --interval-ms. Latency = receive time at the student −
// the instructor's send time, both from the same monotonic clock (the students run in worker
// threads of this process). Then the same for real Chromium pages on the Blazor student view,
// followed by a playback phase: the instructor loads a long-running scenario and plays it (the room
// then updates up to 20 times a second), and the pages' renders, the bytes they receive and the
// server's CPU are measured over --play-seconds.
//
// With --replica every student page is brought into WebAssembly before it is measured (render mode
// Auto serves a first visit from the server while the WebAssembly files download; the page is
// reloaded until it runs in the browser): it then receives the room's commands over the hub and
// replays the run itself. The report adds, per student and per update, the server's CPU and the
// bytes received, and projects both to 500 students. The hub listeners then take their seats as
// replicas too (`Replicate` after `Join`), so the hub rows give the server's cost per replica.
//
// The server's CPU per student is measured by difference (`--pages 20,40` for two steps): with the
// pages open, a second instructor opens a room nobody watches, and the same actions run in
// alternating blocks in that room and in the pages' room (--blocks repetitions of --block-actions
// actions, one per --interval-ms, plus as long with no action). The server's CPU comes from
// /proc/PID/stat of the server process alone, so the browsers' own CPU is never counted. The
// report gives the CPU per action with 0 and N pages, the marginal cost of a student,
// (CPU(N) − CPU(0)) / N, and the projection fixed + 500 × marginal.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import * as signalR from '@microsoft/signalr';

const hubPath = 'hubs/classroom';
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function connect(baseUrl) {
    return new signalR.HubConnectionBuilder()
        .withUrl(new URL(hubPath, baseUrl).href, {
            transport: signalR.HttpTransportType.WebSockets,
            skipNegotiation: true,
        })
        .configureLogging(signalR.LogLevel.None)
        .build();
}

// ---------------------------------------------------------------------------------------------
// Worker thread: a slice of the students.
// ---------------------------------------------------------------------------------------------

async function studentWorker() {
    const { url, code, first, count, concurrency, label, replica } = workerData;
    const students = [];
    const arrivals = new Map(); // actionId -> how many of this worker's students received it
    let joined = 0;
    let stopping = false;
    const errors = [];

    async function joinOne(i) {
        const connection = connect(url);
        const s = { connection, name: `${label}-${i}`, seq: null, received: {}, gaps: 0, duplicates: 0, updates: 0, closed: false };
        connection.on('RoomUpdated', (update) => {
            const t = nowMs();
            s.updates++;
            if (s.seq !== null) {
                if (update.seq > s.seq + 1) {
                    s.gaps += update.seq - s.seq - 1;
                } else if (update.seq <= s.seq) {
                    s.duplicates++;
                }
            }

            s.seq = Math.max(s.seq ?? update.seq, update.seq);
            if (update.actionId && !(update.actionId in s.received)) {
                s.received[update.actionId] = t;
                const n = (arrivals.get(update.actionId) ?? 0) + 1;
                arrivals.set(update.actionId, n);
                if (n === joined) {
                    parentPort.postMessage({ type: 'complete', actionId: update.actionId, at: t });
                }
            }
        });
        connection.on('PollChanged', () => {});
        connection.onclose((error) => {
            s.closed = true;
            if (!stopping) {
                errors.push(`${s.name}: connection closed${error ? `: ${error.message}` : ''}`);
            }
        });
        try {
            await connection.start();
            let reply = await connection.invoke('Join', code, s.name);
            if (reply.ok && replica) {
                // Takes the seat again as a replica, as the student page in the browser does: no trace lines, the recording when it changes.
                reply = await connection.invoke('Replicate', code, reply.studentId);
            }

            if (!reply.ok) {
                errors.push(`${s.name}: join refused: ${reply.error}`);
                await connection.stop();
                return;
            }

            s.seq = reply.state.seq;
            students.push(s);
        } catch (e) {
            errors.push(`${s.name}: ${e.message}`);
        }
    }

    const started = nowMs();
    for (let i = first; i < first + count; i += concurrency) {
        const batch = [];
        for (let j = i; j < Math.min(first + count, i + concurrency); j++) {
            batch.push(joinOne(j));
        }

        await Promise.all(batch);
    }

    joined = students.length;
    parentPort.postMessage({ type: 'ready', joined, errors: errors.length, joinMs: nowMs() - started });

    parentPort.on('message', async (message) => {
        if (message.type === 'report') {
            parentPort.postMessage({
                type: 'report',
                students: students.map((s) => ({ received: s.received, gaps: s.gaps, duplicates: s.duplicates, updates: s.updates, seq: s.seq, closed: s.closed })),
                errors,
            });
        } else if (message.type === 'stop') {
            stopping = true;
            await Promise.all(students.map((s) => s.connection.stop().catch(() => {})));
            parentPort.postMessage({ type: 'stopped' });
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Main thread: the instructor, the measurements, the report.
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
    const options = {
        url: null,
        pid: null,
        sizes: [50, 200, 500],
        actions: 40,
        warmup: 5,
        workers: 1,
        joinConcurrency: 25,
        pages: 20,
        pageActions: 20,
        chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        gcDll: null,
        json: null,
        timeoutMs: 10000,
        intervalMs: 100,
        warmRoom: 20,
        warmActions: 150,
        merge: null,
        scenario: '2pc-happy-path',
        playSeconds: 10,
        playScenario: '2pc-leader-crash-after-commit',
        playSpeed: 1,
        replica: false,
        settleSeconds: 0,
        pageSteps: [20],
        blocks: 6,
        blockActions: 30,
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) {
                throw new Error(`${arg} needs a value`);
            }

            return argv[++i];
        };
        switch (arg) {
            case '--url': options.url = value(); break;
            case '--pid': options.pid = Number(value()); break;
            case '--sizes': options.sizes = value().split(',').filter((s) => s).map(Number); break;
            case '--actions': options.actions = Number(value()); break;
            case '--warmup': options.warmup = Number(value()); break;
            case '--workers': options.workers = Number(value()); break;
            case '--join-concurrency': options.joinConcurrency = Number(value()); break;
            case '--pages': {
                // "20" or "20,40": the page phase runs with the first count, the per-student blocks with each.
                options.pageSteps = value().split(',').filter((v) => v).map(Number).sort((a, b) => a - b);
                options.pages = options.pageSteps[0] ?? 0;
                break;
            }
            case '--page-actions': options.pageActions = Number(value()); break;
            case '--chromium': options.chromium = value(); break;
            case '--gc-dll': options.gcDll = value(); break;
            case '--json': options.json = value(); break;
            case '--timeout-ms': options.timeoutMs = Number(value()); break;
            case '--interval-ms': options.intervalMs = Number(value()); break;
            case '--warm-room': options.warmRoom = Number(value()); break;
            case '--warm-actions': options.warmActions = Number(value()); break;
            case '--merge': options.merge = argv.slice(i + 1); i = argv.length; break;
            case '--scenario': options.scenario = value(); break;
            case '--play-seconds': options.playSeconds = Number(value()); break;
            case '--play-scenario': options.playScenario = value(); break;
            case '--play-speed': options.playSpeed = Number(value()); break;
            case '--replica': options.replica = true; break;
            case '--settle-seconds': options.settleSeconds = Number(value()); break;
            case '--blocks': options.blocks = Number(value()); break;
            case '--block-actions': options.blockActions = Number(value()); break;
            default: throw new Error(`unknown option ${arg}`);
        }
    }

    if (!options.url && !options.merge) {
        throw new Error('--url of a running server is required (run-classroom-load.sh starts one)');
    }

    if (options.url && !options.url.endsWith('/')) {
        options.url += '/';
    }

    return options;
}

/** The instructor's cycle: every action makes the room publish one update. */
function actionAt(k) {
    const cycle = [
        ['Step'], ['Step'], ['Step'], ['Inject', 'crash L'], ['Step'], ['Step'],
        ['Inject', 'recover L'], ['Step'], ['Step'], ['Restart'],
    ];
    return cycle[k % cycle.length];
}

function describe([method, arg]) {
    return arg ? `${method} "${arg}"` : method;
}

function percentile(sorted, p) {
    if (sorted.length === 0) {
        return NaN;
    }

    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarize(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
        count: sorted.length,
        min: sorted.length ? sorted[0] : NaN,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
        mean: sorted.length ? sum / sorted.length : NaN,
    };
}

function readProc(pid) {
    if (!pid) {
        return null;
    }

    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted from the state field (3).
        const ticks = Number(fields[11]) + Number(fields[12]);
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [0, 0])[1]);
        return { cpuMs: (ticks * 1000) / 100, rss: kb('VmRSS') * 1024, rssAnon: kb('RssAnon') * 1024, threads: Number((status.match(/^Threads:\s+(\d+)/m) ?? [0, 0])[1]) };
    } catch {
        return null;
    }
}

/** CPU time (ms) of a process and all its descendants: Chromium's browser, renderer, GPU and utility processes. */
function treeCpuMs(rootPid) {
    if (!rootPid) {
        return null;
    }

    const procs = new Map();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }

        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            procs.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
        } catch {
            // Gone meanwhile.
        }
    }

    let ticks = 0;
    const wanted = new Set([rootPid]);
    let grew = true;
    while (grew) {
        grew = false;
        for (const [pid, p] of procs) {
            if (!wanted.has(pid) && wanted.has(p.ppid)) {
                wanted.add(pid);
                grew = true;
            }
        }
    }

    for (const pid of wanted) {
        ticks += procs.get(pid)?.ticks ?? 0;
    }

    return (ticks * 1000) / 100;
}

/** Chromium's CPU time: every process this one started (during the page phase only Chromium), without this process itself. */
function chromiumCpuMs() {
    const all = treeCpuMs(process.pid);
    const own = readProc(process.pid);
    return all !== null && own ? all - own.cpuMs : null;
}

/** The whole machine's CPU counters (all cores, in clock ticks), to report how busy it was. */
function machineCpu() {
    try {
        const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
        const values = cpu.trim().split(/\s+/).slice(1).map(Number);
        const idle = values[3] + values[4];
        return { total: values.reduce((a, b) => a + b, 0), idle };
    } catch {
        return null;
    }
}

function busyPercent(start, end) {
    return start && end && end.total > start.total ? (1 - (end.idle - start.idle) / (end.total - start.total)) * 100 : null;
}

/** Forces a full GC in the server (through the benchmarks' gc-heap mode) and returns its managed heap in bytes. */
function gcHeap(options) {
    if (!options.gcDll || !options.pid) {
        return Promise.resolve(null);
    }

    return new Promise((resolve) => {
        execFile('dotnet', [options.gcDll, 'gc-heap', String(options.pid)], { timeout: 30000 }, (error, stdout) => {
            const bytes = Number(String(stdout).trim().split('\n').pop());
            resolve(error || !Number.isFinite(bytes) ? null : bytes);
        });
    });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Memory after a forced GC: median of three OS readings 200 ms apart, and the managed heap. */
async function memory(options) {
    const heap = await gcHeap(options);
    await sleep(300);
    const readings = [];
    for (let i = 0; i < 3; i++) {
        const r = readProc(options.pid);
        if (r) {
            readings.push(r);
        }

        await sleep(200);
    }

    if (readings.length === 0) {
        return { heap, rss: null, rssAnon: null };
    }

    const median = (key) => readings.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(readings.length / 2)];
    return { heap, rss: median('rss'), rssAnon: median('rssAnon') };
}

async function openRoom(options, onUpdate) {
    const instructor = connect(options.url);
    const state = { watching: 0, updates: [] };
    instructor.on('RoomUpdated', (update) => {
        state.updates.push(update);
        onUpdate?.(update, nowMs());
    });
    instructor.on('StudentsChanged', (n) => { state.watching = n; });
    instructor.on('PollChanged', () => {});
    await instructor.start();
    const reply = await instructor.invoke('OpenRoom', options.scenario);
    if (!reply.ok) {
        throw new Error(`OpenRoom refused: ${reply.error}`);
    }

    return { instructor, state, code: reply.code, roomId: reply.roomId, startSeq: reply.state.seq };
}

async function waitFor(predicate, timeoutMs, stepMs = 50) {
    const deadline = nowMs() + timeoutMs;
    while (nowMs() < deadline) {
        if (predicate()) {
            return true;
        }

        await sleep(stepMs);
    }

    return predicate();
}

async function hubRun(options, n) {
    const room = await openRoom(options);
    const before = await memory(options);

    // Students, spread over worker threads.
    const workerCount = Math.max(1, Math.min(options.workers, n));
    const workers = [];
    const completions = new Map(); // actionId -> workers done
    let completionWaiter = null;
    for (let w = 0; w < workerCount; w++) {
        const first = Math.floor((n * w) / workerCount);
        const count = Math.floor((n * (w + 1)) / workerCount) - first;
        const worker = new Worker(new URL(import.meta.url), {
            workerData: { url: options.url, code: room.code, first, count, concurrency: options.joinConcurrency, label: `student-n${n}`, replica: options.replica },
        });
        const entry = { worker, ready: null, report: null, stopped: false };
        entry.readyPromise = new Promise((resolve) => {
            worker.on('message', (message) => {
                if (message.type === 'ready') {
                    entry.ready = message;
                    resolve();
                } else if (message.type === 'complete') {
                    completions.set(message.actionId, (completions.get(message.actionId) ?? 0) + 1);
                    completionWaiter?.();
                } else if (message.type === 'report') {
                    entry.report = message;
                    entry.onReport?.();
                } else if (message.type === 'stopped') {
                    entry.stopped = true;
                    entry.onStopped?.();
                }
            });
        });
        worker.on('error', (e) => { console.error(`worker ${w}: ${e.stack ?? e}`); });
        workers.push(entry);
    }

    const joinStart = nowMs();
    await Promise.all(workers.map((w) => w.readyPromise));
    const joinMs = nowMs() - joinStart;
    const joined = workers.reduce((a, w) => a + w.ready.joined, 0);
    await waitFor(() => room.state.watching >= joined, 5000);
    await sleep(500);
    const after = await memory(options);

    // The instructor drives the run.
    const total = options.warmup + options.actions;
    const sent = new Map(); // actionId -> send time
    const measured = new Set();
    const invokeErrors = [];
    const invokeMs = [];
    const timeouts = [];
    let cpuStart = null;
    let nodeCpuStart = null;
    let machineStart = null;
    let phaseStart = 0;
    for (let k = 0; k < total; k++) {
        if (k === options.warmup) {
            cpuStart = readProc(options.pid);
            nodeCpuStart = process.cpuUsage();
            machineStart = machineCpu();
            phaseStart = nowMs();
        }

        const action = actionAt(k);
        const actionId = `n${n}-${String(k).padStart(3, '0')}-${action[0].toLowerCase()}`;
        if (k >= options.warmup) {
            measured.add(actionId);
        }

        const done = new Promise((resolve) => {
            completionWaiter = () => {
                if ((completions.get(actionId) ?? 0) >= workers.length) {
                    resolve(true);
                }
            };
            completionWaiter();
        });
        const t0 = nowMs();
        sent.set(actionId, t0);
        const args = action.length > 1 ? [action[1], actionId] : [actionId];
        let invoked = true;
        try {
            await room.instructor.invoke(action[0], ...args);
            if (k >= options.warmup) {
                invokeMs.push(nowMs() - t0);
            }
        } catch (e) {
            invoked = false;
            invokeErrors.push(`${actionId} ${describe(action)}: ${e.message}`);
        }

        if (invoked) {
            const ok = await Promise.race([done, sleep(options.timeoutMs).then(() => false)]);
            if (!ok) {
                timeouts.push(actionId);
            }
        }

        completionWaiter = null;
        const wait = t0 + options.intervalMs - nowMs();
        if (wait > 0 && k + 1 < total) {
            await sleep(wait);
        }
    }

    const phaseMs = nowMs() - phaseStart;
    const cpuEnd = readProc(options.pid);
    const nodeCpu = process.cpuUsage(nodeCpuStart);
    const machineBusy = busyPercent(machineStart, machineCpu());
    await sleep(300);

    // Collect what every student saw.
    await Promise.all(workers.map((w) => new Promise((resolve) => {
        w.onReport = resolve;
        w.worker.postMessage({ type: 'report' });
    })));
    const latencies = [];
    let lost = 0;
    let gaps = 0;
    let duplicates = 0;
    let closed = 0;
    const errors = [...invokeErrors];
    const expected = [...sent.keys()].filter((id) => !invokeErrors.some((e) => e.startsWith(`${id} `)));
    for (const w of workers) {
        errors.push(...w.report.errors);
        for (const s of w.report.students) {
            gaps += s.gaps;
            duplicates += s.duplicates;
            closed += s.closed ? 1 : 0;
            for (const id of expected) {
                const t = s.received[id];
                if (t === undefined) {
                    lost++;
                } else if (measured.has(id)) {
                    latencies.push(t - sent.get(id));
                }
            }
        }
    }

    // The instructor's own copy (it is in the room's instructor group) must be gap-free too.
    let instructorGaps = 0;
    let last = room.startSeq;
    for (const u of room.state.updates) {
        if (u.seq !== last + 1) {
            instructorGaps++;
        }

        last = u.seq;
    }

    await Promise.all(workers.map((w) => new Promise((resolve) => {
        w.onStopped = resolve;
        w.worker.postMessage({ type: 'stop' });
    })));
    await Promise.all(workers.map((w) => w.worker.terminate()));
    await room.instructor.stop();

    return {
        n,
        joined,
        joinMs,
        workers: workerCount,
        actions: options.actions,
        warmup: options.warmup,
        latency: summarize(latencies),
        lost,
        gaps: gaps + instructorGaps,
        duplicates,
        timeouts: timeouts.length,
        closed,
        errors: errors.length,
        errorSamples: errors.slice(0, 5),
        phaseMs,
        serverCpuMs: cpuStart && cpuEnd ? cpuEnd.cpuMs - cpuStart.cpuMs : null,
        serverCpuPercent: cpuStart && cpuEnd ? ((cpuEnd.cpuMs - cpuStart.cpuMs) / phaseMs) * 100 : null,
        serverCpuMsPerAction: cpuStart && cpuEnd ? (cpuEnd.cpuMs - cpuStart.cpuMs) / options.actions : null,
        invoke: summarize(invokeMs),
        clientCpuPercent: ((nodeCpu.user + nodeCpu.system) / 1000 / phaseMs) * 100,
        machineBusyPercent: machineBusy,
        memory: { before, after },
        perConnection: {
            rss: before.rss !== null ? (after.rss - before.rss) / Math.max(1, joined) : null,
            rssAnon: before.rssAnon !== null ? (after.rssAnon - before.rssAnon) / Math.max(1, joined) : null,
            heap: before.heap !== null && after.heap !== null ? (after.heap - before.heap) / Math.max(1, joined) : null,
        },
        threads: cpuEnd?.threads ?? null,
    };
}

// ---------------------------------------------------------------------------------------------
// Chromium student pages (the Blazor path).
// ---------------------------------------------------------------------------------------------

// Installed before any page script: reports every change of the stage's data-events, data-tick or
// data-trace-hash with the wall-clock time the DOM changed (in the MutationObserver callback, before
// paint), and the arrival time of the last websocket message before it: the render batch that
// caused the change, so the interval splits into server and transport, then the browser's own work.
const stageProbe = () => {
    const clock = () => performance.timeOrigin + performance.now();
    let arrival = 0;
    let bytes = 0;
    // Totals over the page's life, read by the playback phase: every websocket message and its size.
    window.__wsTotals = { messages: 0, bytes: 0 };
    // Every websocket the page opened, so the load run can tell which are still open (a Blazor Server circuit's is /_blazor).
    window.__sockets = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            window.__sockets.push(this);
            // Registered before Blazor's own handler, so it runs first for every message.
            this.addEventListener('message', (e) => {
                arrival = clock();
                bytes = typeof e.data === 'string' ? e.data.length : (e.data?.byteLength ?? e.data?.size ?? 0);
                window.__wsTotals.messages++;
                window.__wsTotals.bytes += bytes;
            });
        }
    };
    let last = '';
    const report = () => {
        const stage = document.querySelector('[data-testid=room-stage]');
        if (!stage) {
            return;
        }

        const state = [stage.getAttribute('data-events'), stage.getAttribute('data-tick'), stage.getAttribute('data-trace-hash')];
        const key = state.join('|');
        if (key !== last) {
            last = key;
            window.__stageChanged?.(clock(), state[0], state[1], state[2], arrival, bytes);
        }
    };
    new MutationObserver(report).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-events', 'data-tick', 'data-trace-hash'] });
};

/**
 * The playback phase: with the pages joined, the instructor loads a long-running scenario and plays
 * it. After a 2 s lead-in (the play path's code gets compiled), everything is read over
 * --play-seconds: how often each page's stage changed (renders that reached the DOM), the websocket
 * bytes and messages each page received, the updates the room published (the instructor's copy),
 * and the CPU of the server, of Chromium and of the whole machine. If the run finishes meanwhile,
 * the instructor restarts it and plays again (counted).
 */
/** The paths of the websockets each page has open now (the hub's, and /_blazor for a Blazor Server circuit). */
function openSockets(pages) {
    return Promise.all(pages.map((p) => p.page.evaluate(() => window.__sockets.filter((w) => w.readyState === WebSocket.OPEN).map((w) => new URL(w.url).pathname)).catch(() => [])));
}

/** Each page's websocket totals so far (messages, bytes) with the page's own clock. */
function wsTotals(pages) {
    return Promise.all(pages.map((p) => p.page.evaluate(() => ({ ...window.__wsTotals, at: performance.now() })).catch(() => null)));
}

async function playRun(options, room, pages) {
    const errors = [];
    let restarts = 0;
    let finishedSeen = false;
    const invoke = async (method, ...args) => {
        try {
            await room.instructor.invoke(method, ...args);
        } catch (e) {
            errors.push(`${method}: ${e.message}`);
        }
    };
    await invoke('LoadScenario', options.playScenario, 'play-load');
    await invoke('SetSpeed', options.playSpeed, 'play-speed');
    await sleep(500);
    const previousOnOwn = room.onOwn;
    room.onOwn = (update) => {
        if (update.finished && !update.playing && !finishedSeen) {
            finishedSeen = true;
            restarts++;
            invoke('Restart', `play-restart-${restarts}`).then(() => invoke('Play', `play-again-${restarts}`)).then(() => { finishedSeen = false; });
        }
    };
    await invoke('Play', 'play-start');
    await sleep(2000);

    // Each page's totals carry the page's own clock, so its rate is over exactly the interval between its two readings.
    const totals = () => wsTotals(pages);
    const bytesStart = await totals();
    const updatesStart = room.state.updates.length;
    const cpuStart = readProc(options.pid);
    const chromiumStart = chromiumCpuMs();
    const machineStart = machineCpu();
    const t0 = nowMs();
    const wallStart = performance.timeOrigin + performance.now();
    await sleep(options.playSeconds * 1000);
    const windowMs = nowMs() - t0;
    const wallEnd = performance.timeOrigin + performance.now();
    const updates = room.state.updates.slice(updatesStart);
    const cpuEnd = readProc(options.pid);
    const chromiumEnd = chromiumCpuMs();
    const machineBusy = busyPercent(machineStart, machineCpu());
    const bytesEnd = await totals();

    await invoke('Pause', 'play-pause');
    room.onOwn = previousOnOwn;
    await sleep(500);

    // Renders by the time the page's DOM changed (same machine, same wall clock), not by when Node heard of it.
    const seconds = windowMs / 1000;
    const inWindow = (p) => p.changes.filter((c) => c.t >= wallStart && c.t < wallEnd);
    const renders = pages.map((p) => inWindow(p).length / seconds);
    // Intervals between two renders of the same page inside the window.
    const gaps = [];
    pages.forEach((p) => {
        const changes = inWindow(p);
        for (let j = 1; j < changes.length; j++) {
            gaps.push(changes[j].t - changes[j - 1].t);
        }
    });
    const perPage = (key) => pages.map((p, i) => (bytesStart[i] && bytesEnd[i] ? (bytesEnd[i][key] - bytesStart[i][key]) / ((bytesEnd[i].at - bytesStart[i].at) / 1000) : null)).filter((v) => v !== null);
    const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
    const last = updates[updates.length - 1];
    return {
        scenario: options.playScenario,
        speed: options.playSpeed,
        seconds,
        roomUpdatesPerSecond: updates.length / seconds,
        ticks: updates.length ? [updates[0].tick, last.tick] : null,
        stillPlaying: last ? last.playing : null,
        restarts,
        rendersPerSecond: summarize(renders),
        renderInterval: summarize(gaps),
        bytesPerSecond: summarize(perPage('bytes')),
        messagesPerSecond: mean(perPage('messages')),
        serverCpuPercent: cpuStart && cpuEnd ? ((cpuEnd.cpuMs - cpuStart.cpuMs) / windowMs) * 100 : null,
        chromiumCpuPercent: chromiumStart !== null && chromiumEnd !== null ? ((chromiumEnd - chromiumStart) / windowMs) * 100 : null,
        machineBusyPercent: machineBusy,
        errors: errors.length,
        errorSamples: errors.slice(0, 5),
    };
}

/**
 * Reloads a student page until render mode Auto runs it in WebAssembly: each reload first waits until
 * nothing is downloading, so the WebAssembly files of the previous visit are in the browser's cache.
 */
async function untilWebAssembly(page) {
    const renderer = () => page.getAttribute('[data-testid=student-room]', 'data-renderer');
    for (let visit = 0; visit < 20 && (await renderer()) !== 'WebAssembly'; visit++) {
        await page.waitForLoadState('networkidle');
        await page.reload();
        await page.waitForSelector('[data-testid=student-room][data-interactive=true]', { timeout: 60000 });
    }

    if ((await renderer()) !== 'WebAssembly') {
        throw new Error('the student page did not start in WebAssembly after 20 visits');
    }
}

// ---------------------------------------------------------------------------------------------
// Server CPU per student, by difference: the same actions in a room nobody watches and in the
// room the pages watch, in alternating blocks on the same server.
// ---------------------------------------------------------------------------------------------

/**
 * Drives `count` actions of the instructor's cycle in one room, one per --interval-ms, each waited
 * for until the instructor's own update carrying its id arrives, and returns the server's CPU (from
 * /proc/PID/stat) and the wall time the block took. The pacing keeps a block's length the same
 * whichever room it runs in, so the server's idle work weighs the same in both.
 */
async function actionBlock(options, room, count, tag, errors) {
    const start = readProc(options.pid);
    const t0 = nowMs();
    for (let j = 0; j < count; j++) {
        const k = room.k++;
        const action = actionAt(k);
        const actionId = `${tag}-${String(k).padStart(4, '0')}-${action[0].toLowerCase()}`;
        const sentAt = nowMs();
        const own = new Promise((resolve) => {
            room.onOwn = (update) => {
                if (update.actionId === actionId) {
                    resolve(true);
                }
            };
        });
        try {
            await room.instructor.invoke(action[0], ...(action.length > 1 ? [action[1], actionId] : [actionId]));
            if (!(await Promise.race([own, sleep(options.timeoutMs).then(() => false)]))) {
                errors.push(`${actionId}: the instructor never saw its own update`);
            }
        } catch (e) {
            errors.push(`${actionId} ${describe(action)}: ${e.message}`);
        }

        const wait = sentAt + options.intervalMs - nowMs();
        if (wait > 0) {
            await sleep(wait);
        }
    }

    const end = readProc(options.pid);
    return { cpuMs: end && start ? end.cpuMs - start.cpuMs : NaN, wallMs: nowMs() - t0 };
}

/**
 * One step of the per-student measurement with `pages` watching room A (`watched`) and nobody in
 * room B (`empty`): --blocks repetitions of three blocks of the same length, in an order that
 * alternates (idle, B, A, then idle, A, B): the server doing nothing, --block-actions actions in
 * B, the same actions in A. Both rooms run the same scenario and start each block at the start of
 * the same cycle, so they do the same work; only A's fan-out reaches the pages. Per block: the
 * server's CPU above its idle rate, per action. Also Chromium's CPU (its own processes, never
 * counted as the server's), the bytes each page received in A's blocks, the load average and how
 * many students the room counts (one per page: a server circuit left behind would add one).
 */
async function perStudentStep(options, watched, empty, pages, errors) {
    const count = Math.max(10, Math.round(options.blockActions / 10) * 10);
    const loadBefore = os.loadavg();
    const machineStart = machineCpu();
    const watchingBefore = watched.state.watching;
    const sockets = await openSockets(pages);
    const blocks = [];
    const bytes = [];
    let chromiumA = 0;
    let chromiumB = 0;
    let wallA = 0;
    let wallB = 0;
    // Both rooms start over from the scenario (a fault injected again after a Restart adds to the
    // recording, so a room that went round the cycle more often replays more), then once round the
    // cycle unmeasured: from there on both do the same work.
    for (const [room, label] of [[watched, 'a'], [empty, 'b']]) {
        try {
            await room.instructor.invoke('LoadScenario', options.scenario, `load-${label}-${pages.length}`);
        } catch (e) {
            errors.push(`LoadScenario in room ${label}: ${e.message}`);
        }

        room.k = 0;
        await actionBlock({ ...options, intervalMs: 20 }, room, 10, `cycle-${label}-${pages.length}`, errors);
    }
    const bytesStart = await wsTotals(pages);
    for (let r = 0; r < options.blocks; r++) {
        const idleStart = readProc(options.pid);
        const idleT0 = nowMs();
        await sleep(count * options.intervalMs);
        const idleEnd = readProc(options.pid);
        const idleRate = (idleEnd.cpuMs - idleStart.cpuMs) / (nowMs() - idleT0); // server ms of CPU per ms of wall time
        const run = async (room, label) => {
            const chromiumStart = chromiumCpuMs();
            const block = await actionBlock(options, room, count, `step${pages.length}-${r}-${label}`, errors);
            const chromium = chromiumCpuMs() - chromiumStart;
            if (label === 'A') {
                chromiumA += chromium;
                wallA += block.wallMs;
            } else {
                chromiumB += chromium;
                wallB += block.wallMs;
            }

            return { ...block, perAction: block.cpuMs / count };
        };
        const order = r % 2 === 0 ? ['B', 'A'] : ['A', 'B'];
        const result = { idleCpuPercent: idleRate * 100, idleMsPerAction: idleRate * options.intervalMs };
        for (const label of order) {
            result[label] = await run(label === 'A' ? watched : empty, label);
        }

        blocks.push(result);
    }

    // Bytes per page over all of A's actions, read once every page has taken in what was sent (a
    // page busy replaying handles its websocket messages late): until no page's count moves for 2 s.
    let bytesEnd = await wsTotals(pages);
    for (let waited = 0; waited < 60000; waited += 2000) {
        await sleep(2000);
        const now = await wsTotals(pages);
        const still = now.every((t, i) => !t || !bytesEnd[i] || t.messages === bytesEnd[i].messages);
        bytesEnd = now;
        if (still) {
            break;
        }
    }

    pages.forEach((_, i) => {
        if (bytesStart[i] && bytesEnd[i]) {
            bytes.push((bytesEnd[i].bytes - bytesStart[i].bytes) / (count * options.blocks));
        }
    });
    const zero = blocks.map((b) => b.B.perAction);
    const withPages = blocks.map((b) => b.A.perAction);
    // Paired by repetition: both blocks of a pair ran within seconds of each other, so a slow spell
    // of the machine weighs on both. The blocks take the same time (paced), so the server's idle
    // work cancels in the difference and is not subtracted (its own sample would only add noise).
    const perStudent = blocks.map((b) => (b.A.perAction - b.B.perAction) / pages.length);
    return {
        pages: pages.length,
        watchingBefore,
        watchingAfter: watched.state.watching,
        // Pages with a Blazor Server circuit's websocket open: none once every page runs in WebAssembly.
        circuitsOpen: sockets.filter((paths) => paths.some((path) => path.endsWith('/_blazor'))).length,
        hubSocketsOpen: sockets.reduce((n, paths) => n + paths.filter((path) => path.endsWith('/hubs/classroom')).length, 0),
        actionsPerBlock: count,
        intervalMs: options.intervalMs,
        blocks,
        zero: summarize(zero),
        withPages: summarize(withPages),
        perStudent: summarize(perStudent),
        idleCpuPercent: summarize(blocks.map((b) => b.idleCpuPercent)),
        idleMsPerAction: summarize(blocks.map((b) => b.idleMsPerAction)),
        bytesPerStudentPerAction: summarize(bytes),
        chromiumCpuPercentA: wallA > 0 ? (chromiumA / wallA) * 100 : null,
        chromiumCpuPercentB: wallB > 0 ? (chromiumB / wallB) * 100 : null,
        machineBusyPercent: busyPercent(machineStart, machineCpu()),
        loadAverage: [loadBefore, os.loadavg()],
    };
}

async function pageRun(options) {
    const { chromium } = await import('playwright-core');
    const wall = () => performance.timeOrigin + performance.now();
    let room = null;
    let empty = null;
    room = await openRoom(options, (update) => room?.onOwn?.(update));
    const browser = await chromium.launch({
        executablePath: options.chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const errors = [];
    const pages = [];
    const openPages = async (count, label, into) => {
        for (let i = 0; i < count; i++) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
            const page = await context.newPage();
            const entry = { context, page, changes: [] };
            await page.exposeFunction('__stageChanged', (t, events, tick, hash, arrival, bytes) => {
                entry.changes.push({ t, arrival, bytes, key: `${events}|${tick}|${hash}` });
            });
            await page.addInitScript(stageProbe);
            try {
                await page.goto(new URL('join', options.url).href);
                await page.fill('#join-code', room.code);
                await page.fill('#join-name', `${label}-${i}`);
                await page.click('[data-testid=join-submit]');
                await page.waitForSelector('[data-testid=student-room][data-interactive=true]', { timeout: 30000 });
                if (options.replica) {
                    await untilWebAssembly(page);
                }

                into.push(entry);
            } catch (e) {
                errors.push(`${label} ${i}: ${e.message.split('\n')[0]}`);
                await context.close().catch(() => {});
            }
        }
    };
    const closePages = async (entries) => {
        for (const p of entries) {
            // Through about:blank so Blazor's unload beacon ends the circuit now.
            await p.page.goto('about:blank').catch(() => {});
            await p.context.close().catch(() => {});
        }
    };
    try {
        // Warm-up: two pages watch the instructor's cycle for a while, then leave, so the student
        // page's code is compiled (tiered JIT included) and its pools exist before the memory baseline.
        const warm = [];
        await openPages(2, 'warm-page', warm);
        for (let k = 0; k < options.warmActions; k++) {
            const action = actionAt(k);
            await room.instructor.invoke(action[0], ...(action.length > 1 ? [action[1], `pages-warm-${k}`] : [`pages-warm-${k}`])).catch(() => {});
            await sleep(50);
        }

        await closePages(warm);
        await sleep(2000);

        const before = await memory(options);
        const joinStart = nowMs();
        await openPages(options.pages, 'page', pages);

        const joinMs = nowMs() - joinStart;
        // A page reloaded into WebAssembly leaves its first visit's server circuit behind if the
        // browser's disconnect beacon did not reach the server: the server keeps such a circuit for
        // three minutes. Waiting longer than that measures the replicas alone.
        await sleep(options.settleSeconds * 1000);
        await waitFor(() => room.state.watching >= pages.length, 5000);
        const watching = room.state.watching;
        await sleep(1000);
        const after = await memory(options);

        // Chromium's CPU with the pages open and nothing happening (animations, timers).
        const idleStart = chromiumCpuMs();
        const idleMachine = machineCpu();
        const idleWall = nowMs();
        await sleep(3000);
        const idleEnd = chromiumCpuMs();
        const machineIdleBusyPercent = busyPercent(idleMachine, machineCpu());
        const chromiumIdlePercent = idleStart !== null && idleEnd !== null ? ((idleEnd - idleStart) / (nowMs() - idleWall)) * 100 : null;

        const total = options.warmup + options.pageActions;
        const latencies = [];
        const toArrival = [];
        const inBrowser = [];
        const echo = [];
        const batchBytes = [];
        const invokeErrors = [];
        let lost = 0;
        let unobservable = 0;
        let previousKey = null;
        let lastSent = 0;
        let cpuStart = null;
        let chromiumStart = null;
        let machineStart = null;
        let phaseStart = 0;
        let wsStart = null;
        for (let k = 0; k < total; k++) {
            if (k === options.warmup) {
                wsStart = await wsTotals(pages);
                cpuStart = readProc(options.pid);
                chromiumStart = chromiumCpuMs();
                machineStart = machineCpu();
                phaseStart = nowMs();
            }

            const action = actionAt(k);
            const actionId = `pages-${String(k).padStart(3, '0')}-${action[0].toLowerCase()}`;
            let echoAt = null;
            const own = new Promise((resolve) => {
                room.onOwn = (update) => {
                    if (update.actionId === actionId) {
                        echoAt = wall();
                        resolve(update);
                    }
                };
            });
            const marks = pages.map((p) => p.changes.length);
            const started = nowMs();
            if (k > 0) {
                await sleep(Math.max(0, lastSent + options.intervalMs - started));
            }

            lastSent = nowMs();
            const t0 = wall();
            const args = action.length > 1 ? [action[1], actionId] : [actionId];
            try {
                await room.instructor.invoke(action[0], ...args);
            } catch (e) {
                invokeErrors.push(`${actionId} ${describe(action)}: ${e.message}`);
                continue;
            }

            const update = await Promise.race([own, sleep(options.timeoutMs).then(() => null)]);
            if (!update) {
                invokeErrors.push(`${actionId}: the instructor never saw its own update`);
                continue;
            }

            const key = `${update.events}|${update.tick}|${update.traceHash}`;
            if (key === previousKey) {
                // Nothing on the stage changes, so the DOM has nothing to observe.
                unobservable++;
                continue;
            }

            previousKey = key;
            if (k >= options.warmup) {
                echo.push(echoAt - t0);
            }

            const seen = (p, i) => p.changes.slice(marks[i]).find((c) => c.key === key);
            const all = () => pages.every((p, i) => seen(p, i));
            await waitFor(all, options.timeoutMs, 5);
            pages.forEach((p, i) => {
                const c = seen(p, i);
                if (!c) {
                    lost++;
                } else if (k >= options.warmup) {
                    latencies.push(c.t - t0);
                    if (c.arrival >= t0 && c.arrival <= c.t) {
                        toArrival.push(c.arrival - t0);
                        inBrowser.push(c.t - c.arrival);
                        batchBytes.push(c.bytes);
                    }
                }
            });
        }

        const phaseMs = nowMs() - phaseStart;
        const cpuEnd = readProc(options.pid);
        const chromiumEnd = chromiumCpuMs();
        const machineBusy = busyPercent(machineStart, machineCpu());
        const wsEnd = await wsTotals(pages);
        // Everything each page received over the measured actions (every websocket message), per action.
        const bytesPerAction = summarize(pages.map((_, i) => (wsStart?.[i] && wsEnd[i] ? (wsEnd[i].bytes - wsStart[i].bytes) / options.pageActions : null)).filter((v) => v !== null));

        // Server CPU per student: the same actions in a room nobody watches and in this one.
        const perStudent = [];
        const perStudentErrors = [];
        const extra = [];
        if (options.blocks > 0) {
            console.log(`per-student blocks with ${pages.length} pages: ${options.blocks} × (idle, room without pages, room with pages), ${options.blockActions} actions each`);
            empty = await openRoom(options, (update) => empty?.onOwn?.(update));
            perStudent.push(await perStudentStep(options, room, empty, pages, perStudentErrors));
        }

        const playback = options.playSeconds > 0 ? await playRun(options, room, pages) : null;

        for (const step of options.blocks > 0 ? options.pageSteps.filter((n) => n > pages.length) : []) {
            // More pages into the same room (perStudentStep loads the cycle's scenario again).
            await openPages(step - pages.length - extra.length, `page${step}`, extra);
            const all = [...pages, ...extra];
            await waitFor(() => room.state.watching >= all.length, 10000);
            await sleep(1000);
            console.log(`per-student blocks with ${all.length} pages`);
            perStudent.push(await perStudentStep(options, room, empty, all, perStudentErrors));
        }

        await closePages([...pages, ...extra]);

        return {
            pages: pages.length,
            mode: options.replica ? 'WebAssembly' : 'Server',
            watching,
            settleSeconds: options.settleSeconds,
            joinMs,
            actions: options.pageActions,
            warmup: options.warmup,
            latency: summarize(latencies),
            toArrival: summarize(toArrival),
            instructorEcho: summarize(echo),
            batchBytes: summarize(batchBytes),
            bytesPerAction,
            inBrowser: summarize(inBrowser),
            lost,
            unobservable,
            errors: errors.length + invokeErrors.length + perStudentErrors.length,
            errorSamples: [...errors, ...invokeErrors, ...perStudentErrors].slice(0, 5),
            perStudent,
            phaseMs,
            serverCpuPercent: cpuStart && cpuEnd ? ((cpuEnd.cpuMs - cpuStart.cpuMs) / phaseMs) * 100 : null,
            serverCpuMsPerAction: cpuStart && cpuEnd ? (cpuEnd.cpuMs - cpuStart.cpuMs) / options.pageActions : null,
            chromiumCpuPercent: chromiumStart !== null && chromiumEnd !== null ? ((chromiumEnd - chromiumStart) / phaseMs) * 100 : null,
            chromiumCpuMsPerAction: chromiumStart !== null && chromiumEnd !== null ? (chromiumEnd - chromiumStart) / options.pageActions : null,
            machineBusyPercent: machineBusy,
            chromiumIdlePercent,
            machineIdleBusyPercent,
            playback,
            memory: { before, after },
            perCircuit: {
                rss: before.rss !== null ? (after.rss - before.rss) / Math.max(1, pages.length) : null,
                rssAnon: before.rssAnon !== null ? (after.rssAnon - before.rssAnon) / Math.max(1, pages.length) : null,
                heap: before.heap !== null && after.heap !== null ? (after.heap - before.heap) / Math.max(1, pages.length) : null,
            },
        };
    } finally {
        await browser.close().catch(() => {});
        await room.instructor.stop().catch(() => {});
        await empty?.instructor.stop().catch(() => {});
    }
}

// ---------------------------------------------------------------------------------------------
// Report.
// ---------------------------------------------------------------------------------------------

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const mb = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : (v / (1024 * 1024)).toFixed(2));
const pct = (v) => (v === null || !Number.isFinite(v) ? '-' : `${v.toFixed(0)} %`);

function table(headers, rows) {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells) => `| ${cells.map((c, i) => String(c).padStart(widths[i])).join(' | ')} |`;
    return [line(headers), `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`, ...rows.map(line)].join('\n');
}

function printTable(results) {
    console.log('\nFan-out latency, instructor action sent → update received (ms), and server cost');
    const rows = results.hub.map((r) => [
        `${r.n} hub`, r.joined, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.latency.max), r.lost, r.gaps, r.errors,
        pct(r.serverCpuPercent), ms(r.serverCpuMsPerAction), mb(r.perConnection.rss), mb(r.perConnection.heap),
    ]);
    if (results.pages) {
        const r = results.pages;
        rows.push([`${r.pages} pages`, r.pages, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.latency.max), r.lost, '-', r.errors,
            pct(r.serverCpuPercent), ms(r.serverCpuMsPerAction), mb(r.perCircuit.rss), mb(r.perCircuit.heap)]);
    }

    console.log(table(['clients', 'joined', 'p50', 'p95', 'p99', 'max', 'lost', 'gaps', 'errors', 'server CPU', 'CPU ms/action', 'RSS MB/client', 'heap MB/client'], rows));
    printPlayback(results.pages);
    printPerStudent(results.pages);
    printPerStudentSteps(results.pages);
}

/**
 * Per student and per update: the server's CPU for one instructor action (or one update while the
 * room plays) divided by the pages watching, and the bytes one page received for it. Both include
 * the room's own work (running the engine, building its frame), which does not grow with the room,
 * so the projection to 500 students (500 times the per-student figure) is an upper bound.
 */
function printPerStudent(r) {
    if (!r || !r.pages) {
        return;
    }

    const rows = [];
    if (Number.isFinite(r.serverCpuMsPerAction)) {
        const cpu = r.serverCpuMsPerAction / r.pages;
        const bytes = r.bytesPerAction?.count ? r.bytesPerAction.mean : null;
        rows.push(['instructor actions', r.mode, r.pages, cpu.toFixed(3), bytes === null ? '-' : bytes.toFixed(0), (cpu * 500).toFixed(1), bytes === null ? '-' : ((bytes * 500) / 1024).toFixed(0)]);
    }

    const p = r.playback;
    if (p && p.roomUpdatesPerSecond > 0 && Number.isFinite(p.serverCpuPercent)) {
        // CPU % of one core over the window = ms of CPU per 100 ms of wall time.
        const cpu = (p.serverCpuPercent * 10) / p.roomUpdatesPerSecond / r.pages;
        const bytes = p.bytesPerSecond.count ? p.bytesPerSecond.mean / p.roomUpdatesPerSecond : null;
        rows.push(['playing', r.mode, r.pages, cpu.toFixed(3), bytes === null ? '-' : bytes.toFixed(0), (cpu * 500).toFixed(1), bytes === null ? '-' : ((bytes * 500) / 1024).toFixed(0)]);
    }

    console.log('\nPer student per update (server CPU from /proc, bytes the page received), projected to 500 students');
    console.log(table(['updates', 'page runs in', 'pages', 'server CPU ms/student', 'bytes/student', 'CPU ms per update at 500', 'KB per update at 500'], rows));
}

/**
 * The per-student blocks (see perStudentStep): the server's CPU per instructor action with nobody
 * watching and with N pages, the marginal cost of a student, (CPU(N) − CPU(0)) / N, and the
 * projection to 500 students, fixed + 500 × marginal, from the step with the most pages.
 */
function printPerStudentSteps(r) {
    const steps = r?.perStudent ?? [];
    if (steps.length === 0) {
        return;
    }

    const us = (v) => (Number.isFinite(v) ? (v * 1000).toFixed(0) : '-');
    const spread = (s) => `${s.mean.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
    const load = (l) => l.map((x) => x[0].toFixed(2)).join(' → ');
    console.log(`\nServer CPU per instructor action (the server process alone, /proc/PID/stat utime+stime, one action per ${steps[0].intervalMs} ms), ${r.mode} pages; ` +
        `${steps[0].blocks.length} repetitions of ${steps[0].actionsPerBlock} actions in a room without pages (0) and in the pages' room (N), and as long with no action (idle)`);
    console.log(table(['pages', 'watching', 'ms/action at 0 (min–max)', 'ms/action at N (min–max)', 'µs per student (min–max)', 'idle ms per interval', 'Chromium busy at N / at 0', 'machine busy', 'bytes/student/update', 'load average (1 min)'],
        steps.map((s) => [s.pages, s.watchingAfter, spread(s.zero), spread(s.withPages), `${us(s.perStudent.mean)} (${us(s.perStudent.min)}–${us(s.perStudent.max)})`,
            s.idleMsPerAction.mean.toFixed(2), `${pct(s.chromiumCpuPercentA)} / ${pct(s.chromiumCpuPercentB)}`, pct(s.machineBusyPercent),
            s.bytesPerStudentPerAction.count ? `${s.bytesPerStudentPerAction.mean.toFixed(0)} (max ${s.bytesPerStudentPerAction.max.toFixed(0)})` : '-', load(s.loadAverage)])));
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const zeros = steps.flatMap((s) => s.blocks.map((b) => b.B.perAction));
    const idle = mean(steps.flatMap((s) => s.blocks.map((b) => b.idleMsPerAction)));
    // The room's own work per action: the blocks without pages less what the server burns doing nothing for as long.
    const fixed = mean(zeros) - idle;
    const last = steps[steps.length - 1];
    const marginal = last.perStudent.mean;
    const at500 = fixed + 500 * marginal;
    const bytes = last.bytesPerStudentPerAction.count ? last.bytesPerStudentPerAction.mean : null;
    console.log(`fixed (the room's own work, 0 pages): ${mean(zeros).toFixed(2)} ms per action less ${idle.toFixed(2)} ms idle = ${fixed.toFixed(2)} ms; ` +
        `marginal per student at ${last.pages} pages: (CPU(${last.pages}) − CPU(0)) / ${last.pages} = ${us(marginal)} µs (median of the repetitions ${us(last.perStudent.p50)} µs)`);
    console.log(`projected to 500 students: ${fixed.toFixed(2)} + 500 × ${(marginal).toFixed(4)} = ${at500.toFixed(1)} ms of server CPU per action, ${(at500 / 500).toFixed(3)} ms per student (${us(marginal)} µs marginal); ` +
        `goal < 0.1 ms per student: ${marginal < 0.1 ? 'met' : 'NOT met'} by the marginal cost, ${at500 / 500 < 0.1 ? 'met' : 'NOT met'} with the room's own share spread over 500`);
    if (bytes !== null) {
        console.log(`bytes per student per update: ${bytes.toFixed(0)} B (goal < 2 KB: ${bytes < 2048 ? 'met' : 'NOT met'}); 500 students: ${((bytes * 500) / 1024).toFixed(0)} KB per update`);
    }
    console.log(`connections: ${steps.map((s) => `${s.pages} pages: ${s.hubSocketsOpen ?? '-'} hub websockets open, ${s.circuitsOpen ?? '-'} Blazor Server circuit websockets open, the room counts ${s.watchingAfter} students`).join('; ')}`);
    if (steps.some((s) => s.watchingAfter !== s.pages)) {
        console.log(`note: the room counts ${steps.map((s) => s.watchingAfter).join(', ')} students for ${steps.map((s) => s.pages).join(', ')} pages (a server circuit left behind counts as one more)`);
    }
}

function printPlayback(r) {
    const p = r?.playback;
    if (!p) {
        return;
    }

    console.log(`\nWhile the room plays (${p.scenario} at ${p.speed}x, ${p.seconds.toFixed(1)} s, ${p.roomUpdatesPerSecond.toFixed(1)} room updates/s), per page`);
    console.log(table(['pages', 'renders/s mean', 'min', 'max', 'render interval p50 ms', 'p95 ms', 'KB/s per page', 'messages/s', 'server CPU', 'Chromium CPU', 'machine busy', 'idle machine busy', 'errors'], [[
        r.pages, p.rendersPerSecond.mean.toFixed(1), p.rendersPerSecond.min.toFixed(1), p.rendersPerSecond.max.toFixed(1),
        ms(p.renderInterval.p50), ms(p.renderInterval.p95),
        p.bytesPerSecond.count ? (p.bytesPerSecond.mean / 1024).toFixed(1) : '-', p.messagesPerSecond === null ? '-' : p.messagesPerSecond.toFixed(1),
        pct(p.serverCpuPercent), pct(p.chromiumCpuPercent), pct(p.machineBusyPercent), pct(r.machineIdleBusyPercent ?? null), p.errors,
    ]]));
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    if (options.merge) {
        const parts = options.merge.map((file) => JSON.parse(readFileSync(file, 'utf8')));
        const merged = { parts: parts.map((p) => ({ startedAt: p.startedAt, loadAverage: p.loadAverage, loadAverageAfter: p.loadAverageAfter })), hub: parts.flatMap((p) => p.hub), pages: parts.find((p) => p.pages)?.pages ?? null, options: parts[0]?.options };
        printTable(merged);
        if (options.json) {
            writeFileSync(options.json, JSON.stringify(merged, null, 2));
        }

        const failed = merged.hub.some((r) => r.lost > 0 || r.gaps > 0 || r.errors > 0) || (merged.pages && (merged.pages.lost > 0 || merged.pages.errors > 0 || merged.pages.playback?.errors > 0));
        process.exit(failed ? 1 : 0);
    }

    const load = os.loadavg();
    console.log(`classroom load against ${options.url} (server pid ${options.pid ?? 'unknown'}), ${os.cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`scenario ${options.scenario}; per room: ${options.warmup} warm-up + ${options.actions} measured actions, at most one per ${options.intervalMs} ms, cycle: ${Array.from({ length: 10 }, (_, k) => describe(actionAt(k))).join(', ')}`);
    const results = { startedAt: new Date().toISOString(), loadAverage: load, options: { ...options, gcDll: options.gcDll ? 'yes' : null }, hub: [], pages: null };

    const stop = async (signal) => {
        console.error(`\n${signal}: stopping`);
        process.exit(130);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));

    if (options.warmRoom > 0 && options.sizes.length > 0) {
        // Not reported: runs the join and fan-out paths often enough for the runtime's tiered JIT to
        // finish recompiling them (it does so in the background after 30 calls, which would otherwise
        // land in the measured phase as several ms of CPU per action), and grows the server's pools.
        const w = await hubRun({ ...options, actions: options.warmActions, warmup: 0, intervalMs: 50 }, options.warmRoom);
        console.log(`warm-up room: ${w.joined} listeners, ${options.warmActions} actions, lost ${w.lost}, errors ${w.errors}`);
        await sleep(2000);
    }

    for (const n of options.sizes) {
        console.log(`\n-- ${n} hub listeners --`);
        const r = await hubRun(options, n);
        results.hub.push(r);
        console.log(`joined ${r.joined}/${n} in ${(r.joinMs / 1000).toFixed(1)} s; ${r.actions} actions in ${(r.phaseMs / 1000).toFixed(1)} s; latency p50 ${ms(r.latency.p50)} p95 ${ms(r.latency.p95)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)} ms (${r.latency.count} samples)`);
        console.log(`lost ${r.lost}, seq gaps ${r.gaps}, duplicates ${r.duplicates}, timeouts ${r.timeouts}, errors ${r.errors}; server CPU ${pct(r.serverCpuPercent)} of one core (${ms(r.serverCpuMsPerAction)} ms per action), Node clients ${pct(r.clientCpuPercent)}, machine ${pct(r.machineBusyPercent)} busy; instructor's invoke round trip p50 ${ms(r.invoke.p50)} p95 ${ms(r.invoke.p95)} ms`);
        console.log(`server memory per connection: RSS ${mb(r.perConnection.rss)} MB, RssAnon ${mb(r.perConnection.rssAnon)} MB, managed heap after full GC ${mb(r.perConnection.heap)} MB`);
        for (const e of r.errorSamples) {
            console.log(`  error: ${e}`);
        }

        await sleep(1000);
    }

    if (options.pages > 0) {
        console.log(`\n-- ${options.pages} Chromium student pages --`);
        const r = await pageRun(options);
        results.pages = r;
        console.log(`${r.pages} pages interactive in ${(r.joinMs / 1000).toFixed(1)} s; latency p50 ${ms(r.latency.p50)} p95 ${ms(r.latency.p95)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)} ms (${r.latency.count} samples); lost ${r.lost}, not visible ${r.unobservable}, errors ${r.errors}`);
        console.log(`server CPU ${pct(r.serverCpuPercent)} of one core (${ms(r.serverCpuMsPerAction)} ms per action); Chromium ${pct(r.chromiumCpuPercent)} (${ms(r.chromiumCpuMsPerAction)} ms per action; ${pct(r.chromiumIdlePercent)} with no action); machine ${pct(r.machineBusyPercent)} busy (${pct(r.machineIdleBusyPercent)} with no action)`);
        console.log(`split: action sent → render batch arrives in the page p50 ${ms(r.toArrival.p50)} p95 ${ms(r.toArrival.p95)} ms; arrival → DOM changed p50 ${ms(r.inBrowser.p50)} p95 ${ms(r.inBrowser.p95)} ms (${r.toArrival.count} samples); the instructor's own hub update p50 ${ms(r.instructorEcho.p50)} p95 ${ms(r.instructorEcho.p95)} ms; render batch ${(r.batchBytes.p50 / 1024).toFixed(1)} KB (median, max ${(r.batchBytes.max / 1024).toFixed(1)} KB)`);
        console.log(`server memory per circuit: RSS ${mb(r.perCircuit.rss)} MB, RssAnon ${mb(r.perCircuit.rssAnon)} MB, managed heap after full GC ${mb(r.perCircuit.heap)} MB`);
        for (const e of r.errorSamples) {
            console.log(`  error: ${e}`);
        }

        const p = r.playback;
        if (p) {
            console.log(`playing ${p.scenario} at ${p.speed}x for ${p.seconds.toFixed(1)} s (ticks ${p.ticks ? p.ticks.join(' to ') : '-'}, ${p.roomUpdatesPerSecond.toFixed(1)} room updates/s, restarts ${p.restarts}, still playing ${p.stillPlaying}): renders per page ${p.rendersPerSecond.mean.toFixed(1)}/s (min ${p.rendersPerSecond.min.toFixed(1)}, max ${p.rendersPerSecond.max.toFixed(1)}), interval p50 ${ms(p.renderInterval.p50)} p95 ${ms(p.renderInterval.p95)} ms; received ${p.bytesPerSecond.count ? (p.bytesPerSecond.mean / 1024).toFixed(1) : '-'} KB/s and ${p.messagesPerSecond === null ? '-' : p.messagesPerSecond.toFixed(1)} messages/s per page`);
            console.log(`while playing: server CPU ${pct(p.serverCpuPercent)} of one core, Chromium ${pct(p.chromiumCpuPercent)}, machine ${pct(p.machineBusyPercent)} busy; errors ${p.errors}`);
            for (const e of p.errorSamples) {
                console.log(`  error: ${e}`);
            }
        }
    }

    if (results.hub.length + (results.pages ? 1 : 0) > 1) {
        printTable(results);
    } else {
        printPlayback(results.pages);
        printPerStudentSteps(results.pages);
    }
    results.loadAverageAfter = os.loadavg();
    if (options.json) {
        writeFileSync(options.json, JSON.stringify(results, null, 2));
        console.log(`\nresults written to ${options.json}`);
    }

    const failed = results.hub.some((r) => r.lost > 0 || r.gaps > 0 || r.errors > 0) || (results.pages && (results.pages.lost > 0 || results.pages.errors > 0 || results.pages.playback?.errors > 0));
    process.exit(failed ? 1 : 0);
}

if (isMainThread) {
    main().catch((e) => {
        console.error(`classroom-load: failed: ${e.stack ?? e}`);
        process.exit(1);
    });
} else {
    studentWorker().catch((e) => {
        parentPort.postMessage({ type: 'ready', joined: 0, errors: 1, joinMs: 0, fatal: String(e) });
    });
}

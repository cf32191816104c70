// Cluster load: many rooms, many hub listeners, three instances. Starts tools/cluster/run-local-cluster.sh
// (Redis and instances A, B, C), or uses --urls of a running cluster. See docs/performance.md,
// "Classroom on a cluster (load)".
//
//   node cluster-load.mjs [--rooms 30] [--listeners 1500] [--actions 20] [--interval-ms 200]
//        [--warmup 20] [--scenario 3pc-happy-path] [--urls http://127.0.0.1:5101/,http://...:5102/,http://...:5103/]
//
// Room r is opened (over the hub) by an instructor on instance r mod 3; its listeners are spread
// evenly over the three instances, so most of them are on another instance than the room's grain.
// Listeners live in one worker thread per instance (bare WebSockets; frames parsed after the run). Every instructor then steps its run --actions
// times, one action every --interval-ms, all rooms at once, each action with a unique id. Fan-out
// latency = when a listener received the update carrying the id − when its instructor sent the
// action (one monotonic clock: the workers are threads of this process). An update a listener
// should have had and did not is "lost"; one whose seq is not the last one plus one is "out of order".

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as signalR from '@microsoft/signalr';
import WebSocket from 'ws';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** CPU ms a process has used so far (user + system, from /proc; clock ticks of 10 ms). */
function cpuMs(pid) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

function connect(base) {
    return new signalR.HubConnectionBuilder()
        .withUrl(new URL('hubs/classroom', base).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        .configureLogging(signalR.LogLevel.None)
        .build();
}

if (!isMainThread) {
    // ---- a worker: the listeners on one instance ----
    // Each listener is a bare WebSocket speaking SignalR's JSON protocol, not the SignalR client:
    // while the instructors drive, a frame that arrives is only timestamped and kept; it is parsed
    // after the run. The listeners share the two cores with the servers, so what they spend per
    // update is taken from the fan-out they measure (the SignalR client parsed and dispatched each
    // one as it came: 2.3 ms of CPU per instructor action against 1.5 ms for an instance).
    const { url, seats } = workerData; // seats: [{ code, name }]
    const RS = '\x1e';
    const hubUrl = new URL('hubs/classroom', url).href.replace(/^http/, 'ws');
    const listeners = [];
    const errors = [];

    const join = (seat) => new Promise((resolve, reject) => {
        // Frames stay bytes until the report (ws 8 hands text frames over undecoded) and are not
        // checked for valid UTF-8 on arrival: JSON.parse after the run reads them anyway.
        const socket = new WebSocket(hubUrl, { perMessageDeflate: false, skipUTF8Validation: true });
        const l = { room: seat.room, seq: null, frames: [], socket };
        let stage = 'handshake';
        socket.on('error', reject);
        socket.on('open', () => socket.send(`{"protocol":"json","version":1}${RS}`));
        socket.on('message', (data) => {
            if (stage === 'listening') {
                l.frames.push(nowMs(), data);
                return;
            }

            for (const record of data.toString().split(RS)) {
                if (record.length === 0) continue;
                const m = JSON.parse(record);
                if (stage === 'handshake') {
                    if (m.error) return reject(new Error(m.error));
                    stage = 'joining';
                    socket.send(JSON.stringify({ type: 1, invocationId: '1', target: 'Join', arguments: [seat.code, seat.name] }) + RS);
                } else if (m.type === 3 && m.invocationId === '1') {
                    if (m.error || !m.result?.ok) return reject(new Error(m.error ?? m.result?.error));
                    l.seq = m.result.state.seq;
                    stage = 'listening';
                    resolve(l);
                }
            }
        });
    });

    for (let i = 0; i < seats.length; i += 25) {
        await Promise.all(seats.slice(i, i + 25).map(async (seat) => {
            try {
                listeners.push(await join(seat));
            } catch (e) {
                errors.push(`${seat.name}: ${e.message}`);
            }
        }));
    }

    // The server drops a client it has not heard from for 30 s.
    const keepAlive = setInterval(() => listeners.forEach((l) => l.socket.send(`{"type":6}${RS}`)), 10_000);

    parentPort.postMessage({ type: 'ready', joined: listeners.length, errors });
    parentPort.on('message', async (m) => {
        if (m.type === 'report') {
            parentPort.postMessage({ type: 'report', listeners: listeners.map((l) => {
                const received = {};
                let outOfOrder = 0;
                let seq = l.seq;
                for (let i = 0; i < l.frames.length; i += 2) {
                    for (const record of l.frames[i + 1].toString().split(RS)) {
                        if (record.length === 0) continue;
                        const message = JSON.parse(record);
                        if (message.type !== 1 || message.target !== 'RoomUpdated') continue;
                        const u = message.arguments[0];
                        if (seq !== null && !u.reset && u.seq !== seq + 1) outOfOrder++;
                        seq = u.seq;
                        if (u.actionId && !(u.actionId in received)) received[u.actionId] = l.frames[i];
                    }
                }
                return { room: l.room, received, outOfOrder };
            }) });
        } else if (m.type === 'stop') {
            clearInterval(keepAlive);
            listeners.forEach((l) => l.socket.close());
            parentPort.postMessage({ type: 'stopped' });
        }
    });
} else {
    // ---- main: the cluster, the instructors, the figures ----
    const args = process.argv.slice(2);
    const option = (name, fallback) => {
        const i = args.indexOf(`--${name}`);
        return i >= 0 ? args[i + 1] : fallback;
    };
    const rooms = Number(option('rooms', 30));
    const listenerCount = Number(option('listeners', 1500));
    const actions = Number(option('actions', 20));
    // A lecture's server has been up for a while: without a warm-up, the first actions measure the
    // JIT compiling the hot paths (65% of an instance's CPU in a cold run), not the fan-out.
    const warmup = Number(option('warmup', 20));
    const intervalMs = Number(option('interval-ms', 200));
    const scenario = option('scenario', '3pc-happy-path');
    let urls = option('urls', null)?.split(',');
    let cluster = null;
    let clusterDir = null;
    const here = path.dirname(fileURLToPath(import.meta.url));

    if (!urls) {
        // CLUSTER_DIR with SKIP_PUBLISH=1 reuses an app published there before (publishing takes minutes here).
        const dir = process.env.CLUSTER_DIR || mkdtempSync(path.join(os.tmpdir(), 'commitlab-cluster-load-'));
        clusterDir = dir;
        console.log(`starting the cluster (folder ${dir})`);
        cluster = spawn('bash', [path.join(here, '..', 'cluster', 'run-local-cluster.sh')], {
            env: {
                ...process.env, CLUSTER_DIR: dir, HTTP_PORT_BASE: '5121', REDIS_PORT: '6392', SILO_PORT_BASE: '11141', GATEWAY_PORT_BASE: '30041',
                // Every instructor here is one client (127.0.0.1): lift the per-client room limits, as the load runs do.
                CommitLab__Classroom__MaxLiveRoomsPerClient: '1000', CommitLab__Classroom__RoomsPerClientPerHour: '1000',
            },
            detached: true,
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        const found = {};
        await new Promise((resolve, reject) => {
            readline.createInterface({ input: cluster.stdout }).on('line', (line) => {
                const m = /^instance ([ABC]) (\S+)$/.exec(line);
                if (m) found[m[1]] = m[2] + '/';
                if (found.C) resolve();
            });
            cluster.on('exit', (code) => reject(new Error(`the cluster script exited with ${code}`)));
        });
        urls = [found.A, found.B, found.C];
    }

    const stopCluster = async () => {
        if (cluster) {
            process.kill(-cluster.pid, 'SIGTERM');
            await new Promise((r) => (cluster.exitCode !== null ? r() : cluster.on('exit', r)));
        }
    };

    try {
        console.log(`cluster: ${urls.join(' ')}`);
        console.log(`${rooms} rooms on ${scenario}, ${listenerCount} hub listeners over 3 instances, ${actions} steps per room, one every ${intervalMs} ms`);

        // Instructors: room r on instance r mod 3.
        const instructors = [];
        for (let r = 0; r < rooms; r++) {
            const connection = connect(urls[r % 3]);
            await connection.start();
            const reply = await connection.invoke('OpenRoom', scenario);
            if (!reply.ok) throw new Error(`room ${r}: ${reply.error}`);
            instructors.push({ r, connection, code: reply.code, sent: {} });
        }

        // Listeners: spread over rooms and instances.
        const seats = [[], [], []];
        for (let i = 0; i < listenerCount; i++) {
            const r = i % rooms;
            seats[Math.floor(i / rooms) % 3].push({ room: r, code: instructors[r].code, name: `L${i}` });
        }

        const joinStarted = nowMs();
        const workers = seats.map((s, w) => new Worker(fileURLToPath(import.meta.url), { workerData: { url: urls[w], seats: s } }));
        const ready = await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
        const joined = ready.reduce((n, m) => n + m.joined, 0);
        console.log(`joined: ${joined} of ${listenerCount} in ${((nowMs() - joinStarted) / 1000).toFixed(1)} s (${ready.map((m) => m.joined).join(' / ')} on A / B / C)`);
        for (const m of ready) for (const e of m.errors.slice(0, 3)) console.log(`  join error: ${e}`);

        // Warm-up: the same drive, not measured.
        const drive = (count, prefix, record) => Promise.all(instructors.map(async (ins) => {
            for (let a = 0; a < count; a++) {
                const id = `${prefix}r${ins.r}-a${a}`;
                const sent = nowMs();
                if (record) ins.sent[id] = sent;
                await ins.connection.invoke('Step', id);
                if (record) acks.push(nowMs() - sent);
                await new Promise((r) => setTimeout(r, intervalMs));
            }
        }));
        const acks = [];
        if (warmup > 0) {
            const warmStarted = nowMs();
            await drive(warmup, 'w', false);
            console.log(`warm-up: ${warmup} steps per room, not measured, in ${((nowMs() - warmStarted) / 1000).toFixed(1)} s`);
        }

        // Where the CPU goes while the instructors drive: each instance, Redis, and this load generator.
        const processes = [];
        if (clusterDir) {
            ['A', 'B', 'C'].forEach((name) => processes.push({ name, pid: Number(readFileSync(path.join(clusterDir, `${name}.pid`), 'utf8')) }));
            const info = execFileSync('redis-cli', ['-p', '6392', 'info', 'server'], { encoding: 'utf8' });
            processes.push({ name: 'redis', pid: Number(/process_id:(\d+)/.exec(info)[1]) });
        }
        const cpuBefore = processes.map((p) => cpuMs(p.pid));
        const nodeBefore = process.cpuUsage();
        const loadBefore = os.loadavg()[0];

        // Every instructor steps its run, all rooms at once.
        const driveStarted = nowMs();
        await drive(actions, '', true);
        const driveMs = nowMs() - driveStarted;
        // Updates still arriving after the last acknowledgement cost CPU too: wait for them before reading it.
        await new Promise((r) => setTimeout(r, 1000));
        const cpuAfter = processes.map((p) => cpuMs(p.pid));
        const nodeCpu = process.cpuUsage(nodeBefore);
        const loadAfter = os.loadavg()[0];

        // Let the last updates arrive (bounded), then collect.
        await new Promise((r) => setTimeout(r, 2000));
        const reports = await Promise.all(workers.map((w) => new Promise((r) => {
            w.once('message', r);
            w.postMessage({ type: 'report' });
        })));

        const latencies = [];
        let lost = 0;
        let outOfOrder = 0;
        const perInstance = [[], [], []];
        reports.forEach((report, w) => {
            for (const l of report.listeners) {
                outOfOrder += l.outOfOrder;
                const ins = instructors[l.room];
                for (const [id, sentAt] of Object.entries(ins.sent)) {
                    const at = l.received[id];
                    if (at === undefined) {
                        lost++;
                    } else {
                        latencies.push(at - sentAt);
                        perInstance[w].push(at - sentAt);
                    }
                }
            }
        });

        const pct = (xs, p) => {
            if (xs.length === 0) return NaN;
            const sorted = [...xs].sort((x, y) => x - y);
            return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
        };
        const f = (x) => x.toFixed(1);
        console.log(`driven: ${rooms * actions} actions in ${(driveMs / 1000).toFixed(1)} s (${f((rooms * actions) / (driveMs / 1000))} actions/s), ${latencies.length} deliveries expected ${joined * actions}`);
        console.log(`fan-out latency ms: p50 ${f(pct(latencies, 50))}, p95 ${f(pct(latencies, 95))}, p99 ${f(pct(latencies, 99))}, max ${f(Math.max(...latencies))}`);
        ['A', 'B', 'C'].forEach((name, w) => console.log(`  listeners on ${name}: p50 ${f(pct(perInstance[w], 50))}, p95 ${f(pct(perInstance[w], 95))}`));
        console.log(`instructor's acknowledgement ms (the action saved): p50 ${f(pct(acks, 50))}, p95 ${f(pct(acks, 95))}`);
        console.log(`lost updates: ${lost}; out of order: ${outOfOrder}`);
        const perAction = (ms) => f(ms / (rooms * actions));
        const cpu = processes.map((p, i) => `${p.name} ${perAction(cpuAfter[i] - cpuBefore[i])}`);
        cpu.push(`load generator ${perAction((nodeCpu.user + nodeCpu.system) / 1000)}`);
        console.log(`CPU ms per instructor action (drive + 1 s): ${cpu.join(', ')}`);
        console.log(`load average (1 min): ${loadBefore.toFixed(1)} before the drive, ${loadAfter.toFixed(1)} after`);

        await Promise.all(workers.map((w) => new Promise((r) => {
            w.once('message', r);
            w.postMessage({ type: 'stop' });
        })));
        await Promise.all(workers.map((w) => w.terminate()));
        await Promise.all(instructors.map((i) => i.connection.stop()));
        await stopCluster();
        process.exit(lost === 0 && outOfOrder === 0 && pct(latencies, 95) < 100 ? 0 : 1);
    } catch (e) {
        console.log(`failed: ${e.message}`);
        await stopCluster();
        process.exit(1);
    }
}

// Cluster load: many rooms, many hub listeners, three instances. Starts tools/cluster/run-local-cluster.sh
// (Redis and instances A, B, C), or uses --urls of a running cluster. See docs/performance.md,
// "Classroom on a cluster (load)".
//
//   node cluster-load.mjs [--rooms 30] [--listeners 1500] [--actions 20] [--interval-ms 200]
//        [--scenario 3pc-happy-path] [--urls http://127.0.0.1:5101/,http://...:5102/,http://...:5103/]
//
// Room r is opened (over the hub) by an instructor on instance r mod 3; its listeners are spread
// evenly over the three instances, so most of them are on another instance than the room's grain.
// Listeners live in one worker thread per instance. Every instructor then steps its run --actions
// times, one action every --interval-ms, all rooms at once, each action with a unique id. Fan-out
// latency = when a listener received the update carrying the id − when its instructor sent the
// action (one monotonic clock: the workers are threads of this process). An update a listener
// should have had and did not is "lost"; one whose seq is not the last one plus one is "out of order".

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as signalR from '@microsoft/signalr';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function connect(base) {
    return new signalR.HubConnectionBuilder()
        .withUrl(new URL('hubs/classroom', base).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        .configureLogging(signalR.LogLevel.None)
        .build();
}

if (!isMainThread) {
    // ---- a worker: the listeners on one instance ----
    const { url, seats } = workerData; // seats: [{ code, name }]
    const listeners = [];
    const errors = [];
    for (let i = 0; i < seats.length; i += 25) {
        await Promise.all(seats.slice(i, i + 25).map(async (seat) => {
            const connection = connect(url);
            const l = { room: seat.room, seq: null, received: {}, outOfOrder: 0, connection };
            connection.on('RoomUpdated', (u) => {
                const t = nowMs();
                if (l.seq !== null && !u.reset && u.seq !== l.seq + 1) l.outOfOrder++;
                l.seq = u.seq;
                if (u.actionId && !(u.actionId in l.received)) l.received[u.actionId] = t;
            });
            connection.on('PollChanged', () => {});
            try {
                await connection.start();
                const reply = await connection.invoke('Join', seat.code, seat.name);
                if (!reply.ok) throw new Error(reply.error);
                l.seq = reply.state.seq;
                listeners.push(l);
            } catch (e) {
                errors.push(`${seat.name}: ${e.message}`);
            }
        }));
    }

    parentPort.postMessage({ type: 'ready', joined: listeners.length, errors });
    parentPort.on('message', async (m) => {
        if (m.type === 'report') {
            parentPort.postMessage({ type: 'report', listeners: listeners.map((l) => ({ room: l.room, received: l.received, outOfOrder: l.outOfOrder })) });
        } else if (m.type === 'stop') {
            await Promise.all(listeners.map((l) => l.connection.stop().catch(() => {})));
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
    const intervalMs = Number(option('interval-ms', 200));
    const scenario = option('scenario', '3pc-happy-path');
    let urls = option('urls', null)?.split(',');
    let cluster = null;
    const here = path.dirname(fileURLToPath(import.meta.url));

    if (!urls) {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'commitlab-cluster-load-'));
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

        // Every instructor steps its run, all rooms at once.
        const driveStarted = nowMs();
        const acks = [];
        await Promise.all(instructors.map(async (ins) => {
            for (let a = 0; a < actions; a++) {
                const id = `r${ins.r}-a${a}`;
                ins.sent[id] = nowMs();
                await ins.connection.invoke('Step', id);
                acks.push(nowMs() - ins.sent[id]);
                await new Promise((r) => setTimeout(r, intervalMs));
            }
        }));
        const driveMs = nowMs() - driveStarted;

        // Let the last updates arrive (bounded), then collect.
        await new Promise((r) => setTimeout(r, 3000));
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

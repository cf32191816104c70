// Failover, end to end, on a local cluster of three instances (tools/cluster/run-local-cluster.sh,
// which this script starts and stops). Prints each check and exits non-zero when one fails.
//
//   node failover-check.mjs [--http-base 5111] [--redis-port 6391] [--keep]
//
// The instructor opens a room over the hub on instance A; two students join on B and two on C.
// The instructor steps the run and crashes the leader; every student must see that update. More
// acknowledged actions follow (a cut link, steps). Then A is killed with SIGKILL: no goodbye, no
// last save. The instructor's console link is opened on B: the run must be the same (trace hash
// and event count of the last acknowledged state) and go on from there, and the students on B
// and C must see the next update. Every student's updates must arrive once and in order (the
// numbering restarts only with a reset, when the room comes back in a new activation).
// A fifth student on B is a replica, as the browser student page is: it takes its seat with
// `Replicate`, gets the room's recording from the room's grain (the room runs on A), and its
// updates carry no trace lines; it must follow the run to the same trace hash through the failover.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as signalR from '@microsoft/signalr';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
};
const httpBase = Number(option('http-base', 5111));
const redisPort = Number(option('redis-port', 6391));
const here = path.dirname(fileURLToPath(import.meta.url));
// CLUSTER_DIR with SKIP_PUBLISH=1 reuses an app published there before (publishing takes minutes here).
const clusterDir = process.env.CLUSTER_DIR || mkdtempSync(path.join(os.tmpdir(), 'commitlab-failover-'));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let failures = 0;
function check(ok, what) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures++;
    return ok;
}

async function until(condition, what, timeoutMs = 30000, intervalMs = 100) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await condition()) return true;
        await new Promise((r) => setTimeout(r, intervalMs));
    }
    throw new Error(`timed out waiting for ${what}`);
}

// ---- the cluster ----
console.log(`starting the cluster (folder ${clusterDir})`);
const cluster = spawn('bash', [path.join(here, 'run-local-cluster.sh')], {
    env: { ...process.env, CLUSTER_DIR: clusterDir, KEEP_CLUSTER_DIR: '1', HTTP_PORT_BASE: String(httpBase), REDIS_PORT: String(redisPort),
        SILO_PORT_BASE: String(11131), GATEWAY_PORT_BASE: String(30031) },
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
});
const urls = {};
await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: cluster.stdout });
    lines.on('line', (line) => {
        console.log(`  cluster: ${line}`);
        const m = /^instance ([ABC]) (\S+)$/.exec(line);
        if (m) urls[m[1]] = m[2] + '/';
        if (urls.C) resolve();
    });
    cluster.on('exit', (code) => reject(new Error(`the cluster script exited with ${code}`)));
});
const pidOf = (name) => Number(readFileSync(path.join(clusterDir, `${name}.pid`), 'utf8'));

function connect(base) {
    return new signalR.HubConnectionBuilder()
        .withUrl(new URL('hubs/classroom', base).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        .configureLogging(signalR.LogLevel.None)
        .build();
}

async function student(name, instance, code, replica = false) {
    const connection = connect(urls[instance]);
    const s = { name, instance, connection, updates: [], disorder: 0 };
    connection.on('RoomUpdated', (u) => {
        const last = s.updates.at(-1);
        if (last && !u.reset && u.seq !== last.seq + 1) s.disorder++;
        s.updates.push(u);
    });
    await connection.start();
    const reply = await connection.invoke('Join', code, name);
    if (!reply.ok) throw new Error(`${name} could not join on ${instance}: ${reply.error}`);
    s.joined = reply.state;
    if (replica) {
        const replicated = await connection.invoke('Replicate', code, reply.studentId);
        if (!replicated.ok) throw new Error(`${name} could not replicate on ${instance}: ${replicated.error}`);
        s.joined = replicated.state;
    }
    return s;
}

const saw = (s, actionId) => s.updates.find((u) => u.actionId === actionId);

let exitCode = 1;
try {
    // ---- instructor on A, students on B and C ----
    const instructor = connect(urls.A);
    await instructor.start();
    const opened = await instructor.invoke('OpenRoom', '2pc-happy-path');
    check(opened.ok, `room opened on A (code ${opened.code})`);
    const students = [
        await student('Ada', 'B', opened.code), await student('Grace', 'B', opened.code),
        await student('Edsger', 'C', opened.code), await student('Barbara', 'C', opened.code),
        await student('Leslie', 'B', opened.code, true),
    ];
    const replica = students[4];
    check(true, 'two students joined on B, two on C');
    check(typeof replica.joined?.recording === 'string' && replica.joined.recording.length > 0,
        `a replica student on B got the room's recording from its grain on A (${replica.joined?.recording?.length} characters)`);

    for (let i = 0; i < 3; i++) await instructor.invoke('Step', `step-${i}`);
    await instructor.invoke('CrashLeader', 'crash-leader');
    await until(() => students.every((s) => saw(s, 'crash-leader')), 'every student to see the crash');
    const crash = saw(students[0], 'crash-leader');
    check(students.every((s) => saw(s, 'crash-leader').traceHash === crash.traceHash) && crash.lines.some((l) => /crash/i.test(l)),
        `the leader's crash reached all five students on B and C (trace line "${crash.lines.find((l) => /crash/i.test(l))?.trim()}")`);
    check(replica.updates.every((u) => u.lines.length === 0),
        `the replica on B got ${replica.updates.length} updates without trace lines`);

    await instructor.invoke('Inject', 'cut P1-P2', 'cut');
    for (let i = 0; i < 2; i++) await instructor.invoke('Step', `after-cut-${i}`);
    const acknowledged = await instructor.invoke('State');
    console.log(`     acknowledged: ${acknowledged.events} events, trace hash ${acknowledged.traceHash}`);

    // ---- kill -9 A ----
    const a = pidOf('A');
    process.kill(a, 'SIGKILL');
    await until(() => { try { process.kill(a, 0); return false; } catch { return true; } }, 'A to be gone');
    check(true, `instance A (pid ${a}) killed with SIGKILL at ${elapsed()}`);
    const killedAt = Date.now();

    // ---- the console link opened on B ----
    // Retried every half second: the server closes a connection refused more than 20 times a
    // minute, so a closed one is replaced.
    let console2 = connect(urls.B);
    await console2.start();
    let reply;
    await until(async () => {
        try {
            if (console2.state !== signalR.HubConnectionState.Connected) {
                console2 = connect(urls.B);
                await console2.start();
            }

            reply = await console2.invoke('OpenConsole', opened.roomId, opened.token);
        } catch (e) {
            reply = { ok: false, error: String(e) };
        }
        return reply.ok;
    }, 'the console to open on B', 90000, 500);
    check(true, `console link opened on B ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    check(reply.state.traceHash === acknowledged.traceHash && reply.state.events === acknowledged.events,
        `same run on B: ${reply.state.events} events, trace hash ${reply.state.traceHash} (acknowledged ${acknowledged.events}, ${acknowledged.traceHash})`);

    // ---- it goes on; B's and C's students see it ----
    await until(async () => {
        try {
            await console2.invoke('Step', 'after-failover');
            return true;
        } catch (e) {
            console.log(`     step on B refused: ${e.message}`);
            return false;
        }
    }, 'a step on B');
    const afterStep = await console2.invoke('State');
    try {
        // A follower that re-subscribed after the step gets it inside the reset it is sent then.
        await until(() => students.every((s) => s.updates.at(-1)?.traceHash === afterStep.traceHash), 'every student to reach the step after the failover', 30000);
        check(afterStep.events === acknowledged.events + 1,
            `the run went on from B: event ${afterStep.events} (trace hash ${afterStep.traceHash}) reached all five students on B and C, the replica included`);
        await console2.invoke('Step', 'after-failover-2');
        await until(() => students.every((s) => saw(s, 'after-failover-2')), 'every student to see the next step', 30000);
        const next = saw(students[0], 'after-failover-2');
        check(next.events === acknowledged.events + 2 && students.every((s) => saw(s, 'after-failover-2').traceHash === next.traceHash),
            `the next step (event ${next.events}) reached all five students as its own update`);
    } catch (e) {
        for (const s of students) {
            console.log(`     ${s.name} on ${s.instance}: ${s.updates.slice(-3).map((u) => `#${u.seq} ${u.actionId ?? '-'}${u.reset ? ' reset' : ''} ${u.events}ev`).join(', ')}`);
        }
        throw e;
    }
    check(students.every((s) => s.disorder === 0), `every student's updates arrived once and in order (${students.map((s) => s.updates.length).join(', ')} updates)`);

    await Promise.all([instructor.stop().catch(() => {}), console2.stop(), ...students.map((s) => s.connection.stop())]);
    exitCode = failures === 0 ? 0 : 1;
} catch (e) {
    check(false, e.message);
} finally {
    process.kill(-cluster.pid, 'SIGTERM');
    await new Promise((r) => (cluster.exitCode !== null ? r() : cluster.on('exit', r)));
    let redisDown = false;
    try {
        execFileSync('redis-cli', ['-p', String(redisPort), 'ping'], { stdio: 'pipe' });
    } catch {
        redisDown = true;
    }
    check(redisDown, 'the cluster script stopped everything it started, Redis included');
    console.log(failures === 0 ? `failover check passed in ${elapsed()}` : `${failures} check(s) failed`);
    process.exit(failures === 0 ? exitCode : 1);
}

// Measures what two abuses of the classroom hub cost a running server (docs/classroom.md, "Abuse figures"):
//  1. refused calls: one student connection calls an instructor method (Play) N times;
//     reported: calls refused, whether and when the server closed the connection, and the bytes
//     the server's log grew by (read from the file its output is redirected to, --log);
//  2. an answer flood: one student calls Answer N times, alternating options, while the poll is open;
//     reported: pushes the instructor connection received (PollChanged, StudentsChanged).
// Usage: node classroom-abuse.mjs --url http://127.0.0.1:5000/ --log server.log [--refused 20000] [--answers 5000]
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as signalR from '@microsoft/signalr';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
    arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = new URL('hubs/classroom', args.url ?? 'http://127.0.0.1:5000/').href;
const refusedCalls = Number(args.refused ?? 20000);
const answers = Number(args.answers ?? 5000);
const logSize = () => (args.log ? statSync(args.log).size : 0);
const quiet = () => new Promise(resolve => setTimeout(resolve, 1500));

function connect() {
    return new signalR.HubConnectionBuilder()
        .withUrl(url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .configureLogging(signalR.LogLevel.None)
        .build();
}

const instructor = connect();
const pushes = { PollChanged: 0, StudentsChanged: 0, RoomUpdated: 0 };
for (const name of Object.keys(pushes)) {
    instructor.on(name, () => pushes[name]++);
}

await instructor.start();
const room = await instructor.invoke('OpenRoom', '2pc-happy-path');
if (!room.ok) throw new Error(`OpenRoom refused: ${room.error}`);

// 1. Refused calls.
const abuser = connect();
let closedAt = null;
let stopping = false;
abuser.onclose(() => { if (!stopping) closedAt ??= performance.now(); });
await abuser.start();
const joined = await abuser.invoke('Join', room.code, 'Mallory');
if (!joined.ok) throw new Error(`Join refused: ${joined.error}`);
await quiet();
const logBefore = logSize();
const started = performance.now();
let refused = 0;
let sent = 0;
// Sent in batches of 100 without waiting for each reply, as an attacker would.
for (let i = 0; i < refusedCalls && closedAt === null; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(i + 100, refusedCalls); j++) {
        sent++;
        batch.push(abuser.invoke('Play', `p${j}`).then(() => {}, e => { if (String(e).includes('Refused')) refused++; }));
    }
    await Promise.all(batch);
}

const refusedMs = performance.now() - started;
await quiet();
const logBytes = logSize() - logBefore;
if (closedAt === null) {
    stopping = true;
    await abuser.stop();
}

// 2. Answer flood.
const poll = await instructor.invoke('StartPoll', 'Who decides?', ['L', 'P1', 'Nobody'], 0);
const student = connect();
await student.start();
const seat = await student.invoke('Join', room.code, 'Flooder');
if (!seat.ok) throw new Error(`Join refused: ${seat.error}`);
await quiet();
for (const name of Object.keys(pushes)) pushes[name] = 0;
const floodStart = performance.now();
let answerRefusals = 0;
for (let i = 0; i < answers; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(i + 100, answers); j++) {
        batch.push(student.invoke('Answer', poll.id, j % 3).then(r => { if (r) answerRefusals++; }));
    }
    await Promise.all(batch);
}

const floodMs = performance.now() - floodStart;
await quiet();
await student.stop();
await instructor.stop();

console.log(JSON.stringify({
    refusedPhase: { sent, refused, closedByServer: closedAt !== null, closedAfterMs: closedAt === null ? null : Math.round(closedAt - started), ms: Math.round(refusedMs), logBytes },
    answerFlood: { answers, refusedAnswers: answerRefusals, ms: Math.round(floodMs), pushesToInstructor: pushes },
}, null, 2));

using System.Collections.Concurrent;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Keeps join codes from being guessed without keeping honest students out. A right code is always
/// checked and let in: a lecture hall shares one address, and one student typing wrong codes must
/// not lock out the classmates beside them. What is limited is wrong guesses:
/// <list type="bullet">
/// <item>per client (<see cref="ClientAddress"/>): past <see cref="ClassroomOptions.FailedJoinsPerWindow"/>
/// wrong codes in the window, a wrong code is answered "too many attempts" with the wait, which
/// tells a person to slow down;</item>
/// <item>server-wide: past <see cref="ClassroomOptions.WrongCodesPerWindow"/> wrong codes in the
/// window from everyone together (which is what guessing from many addresses looks like), clients
/// that typed a wrong code in the window are not heard at all until it passes, except for rooms
/// someone at their address already got into (those codes are known there, so nothing is learned).</item>
/// </list>
/// Guessing therefore proceeds at most at the server-wide budget plus one guess per fresh address,
/// and rooms expire (<see cref="ClassroomOptions.RoomLifetime"/>) long before that finds one: the
/// figures are in docs/classroom.md. The tables are bounded: past <see cref="MaxClients"/> clients
/// the stalest are forgotten.
/// </summary>
public sealed class JoinGuard(ClassroomOptions options, TimeProvider? time = null)
{
    public const int MaxClients = 20_000;

    /// <summary>Rooms remembered per client as "known there"; a hall joins one or two.</summary>
    private const int MaxKnownRooms = 16;

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, ClientLog> clients = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> serverFailures = new();

    /// <summary>
    /// Whether the client may have this code checked now. Null when it may, or how long to wait
    /// (the server is guarding against guessing and this client has guessed wrong lately).
    /// </summary>
    public TimeSpan? Hold(string client, string? code)
    {
        var now = clock.GetUtcNow();
        var log = Log(client, now);
        TimeSpan? clientWait;
        lock (log)
        {
            log.Forget(now - options.JoinWindow, now - options.RoomLifetime);
            if (log.Failures.Count == 0 || (code is not null && log.Known.ContainsKey(code)))
            {
                return null;
            }

            clientWait = log.Failures.Peek() + options.JoinWindow - now;
        }

        lock (serverFailures)
        {
            Forget(serverFailures, now - options.JoinWindow);
            return serverFailures.Count >= options.WrongCodesPerWindow ? AtLeastASecond(clientWait.Value) : null;
        }
    }

    /// <summary>
    /// Records a wrong code. Returns how long the client should wait before typing another when it
    /// has made too many mistakes (the answer says so), or null when one more mistake is nothing unusual.
    /// </summary>
    public TimeSpan? Failed(string client)
    {
        var now = clock.GetUtcNow();
        lock (serverFailures)
        {
            Forget(serverFailures, now - options.JoinWindow);
            serverFailures.Enqueue(now);
            // Only the count matters past the budget; the queue stays bounded.
            while (serverFailures.Count > options.WrongCodesPerWindow + 1)
            {
                serverFailures.Dequeue();
            }
        }

        var log = Log(client, now);
        lock (log)
        {
            log.Forget(now - options.JoinWindow, now - options.RoomLifetime);
            log.Failures.Enqueue(now);
            while (log.Failures.Count > options.FailedJoinsPerWindow + 1)
            {
                log.Failures.Dequeue();
            }

            return log.Failures.Count > options.FailedJoinsPerWindow ? AtLeastASecond(log.Failures.Peek() + options.JoinWindow - now) : null;
        }
    }

    /// <summary>Someone at this client got into the room with this code (or opened it): classmates there are always heard for it.</summary>
    public void Admitted(string client, string code)
    {
        var now = clock.GetUtcNow();
        var log = Log(client, now);
        lock (log)
        {
            log.Known[code] = now;
            if (log.Known.Count > MaxKnownRooms)
            {
                log.Known.Remove(log.Known.MinBy(k => k.Value).Key);
            }
        }
    }

    private ClientLog Log(string client, DateTimeOffset now)
    {
        var log = clients.GetOrAdd(client, _ => new ClientLog());
        log.LastSeen = now;
        if (clients.Count > MaxClients)
        {
            Prune(now);
        }

        return log;
    }

    private void Prune(DateTimeOffset now)
    {
        // Forget clients with nothing recent first; if everyone is recent, the table still may not grow.
        foreach (var (key, log) in clients)
        {
            if (log.LastSeen < now - options.JoinWindow)
            {
                clients.TryRemove(key, out _);
            }
        }

        foreach (var key in clients.Keys.Take(Math.Max(0, clients.Count - MaxClients)))
        {
            clients.TryRemove(key, out _);
        }
    }

    private static void Forget(Queue<DateTimeOffset> times, DateTimeOffset before)
    {
        while (times.Count > 0 && times.Peek() <= before)
        {
            times.Dequeue();
        }
    }

    private static TimeSpan AtLeastASecond(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;

    private sealed class ClientLog
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public Dictionary<string, DateTimeOffset> Known { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastSeen { get; set; }

        public void Forget(DateTimeOffset failuresBefore, DateTimeOffset knownBefore)
        {
            JoinGuard.Forget(Failures, failuresBefore);
            foreach (var (code, at) in Known)
            {
                if (at <= knownBefore)
                {
                    Known.Remove(code);
                }
            }
        }
    }
}

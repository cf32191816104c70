using System.Collections.Concurrent;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Per-client limits over a sliding window: at most <c>maxAttempts</c> attempts and at most
/// <c>maxFailures</c> failed ones. Opening rooms uses it (a room is a server-side run, so one client
/// may open only so many an hour); joins use <see cref="JoinGuard"/>, which never holds back a
/// right code. A client is a <see cref="ClientAddress"/> key. The table is bounded: past
/// <see cref="MaxClients"/> entries, the stalest are forgotten.
/// </summary>
public sealed class ClientThrottle(int maxAttempts, int maxFailures, TimeSpan window, TimeProvider? time = null)
{
    public const int MaxClients = 20_000;

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, ClientLog> clients = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts an attempt if the client may make one. Returns null when allowed, or how long the
    /// client must wait (nothing is counted then).
    /// </summary>
    public TimeSpan? TryBegin(string client)
    {
        var now = clock.GetUtcNow();
        var log = clients.GetOrAdd(client, _ => new ClientLog());
        TimeSpan? wait;
        lock (log)
        {
            log.Forget(now - window);
            wait = log.Failures.Count >= maxFailures ? log.Failures.Peek() + window - now
                : log.Attempts.Count >= maxAttempts ? log.Attempts.Peek() + window - now
                : null;
            if (wait is null)
            {
                log.Attempts.Enqueue(now);
            }

            log.LastSeen = now;
        }

        if (clients.Count > MaxClients)
        {
            Prune(now);
        }

        return wait is { } w ? (w < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : w) : null;
    }

    /// <summary>Records that the client's attempt failed (a wrong code).</summary>
    public void Fail(string client)
    {
        var log = clients.GetOrAdd(client, _ => new ClientLog());
        lock (log)
        {
            log.Failures.Enqueue(clock.GetUtcNow());
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, log) in clients)
        {
            if (log.LastSeen < now - window)
            {
                clients.TryRemove(key, out _);
            }
        }
    }

    private sealed class ClientLog
    {
        public Queue<DateTimeOffset> Attempts { get; } = new();

        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LastSeen { get; set; }

        public void Forget(DateTimeOffset before)
        {
            while (Attempts.Count > 0 && Attempts.Peek() <= before)
            {
                Attempts.Dequeue();
            }

            while (Failures.Count > 0 && Failures.Peek() <= before)
            {
                Failures.Dequeue();
            }
        }
    }
}

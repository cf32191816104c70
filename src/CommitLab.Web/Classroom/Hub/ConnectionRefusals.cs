namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Counts the calls one hub connection had refused. The first few are worth a log line each (who
/// tried what); past that the log would only grow, so the rest are counted, and a connection that
/// keeps being refused within the window is closed with one line saying so. Thread-safe, though a
/// connection's calls arrive one at a time.
/// </summary>
public sealed class ConnectionRefusals(int maxPerWindow, TimeSpan window, TimeProvider? time = null)
{
    /// <summary>Refusals logged in full per connection; later ones are only counted.</summary>
    public const int Logged = 3;

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Queue<DateTimeOffset> recent = new();
    private int total;
    private bool closing;

    /// <summary>Refused calls on this connection so far.</summary>
    public int Total => Volatile.Read(ref total);

    /// <summary>
    /// Counts one refusal: whether to log it, and whether the connection has now had too many and is
    /// to be closed (said once: calls already queued on the connection are still refused, silently).
    /// </summary>
    public (bool Log, bool Close) Count()
    {
        var now = clock.GetUtcNow();
        lock (recent)
        {
            total++;
            while (recent.Count > 0 && recent.Peek() <= now - window)
            {
                recent.Dequeue();
            }

            recent.Enqueue(now);
            var close = !closing && recent.Count > maxPerWindow;
            closing |= close;
            return (total <= Logged, close);
        }
    }
}

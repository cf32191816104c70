using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// One breadth-first search. Each level's frontier is cut into chunks that the workers take in turn;
/// a worker expands a few states at a time, claims each new successor in the shared
/// <see cref="FingerprintTable"/> and keeps the ones it claimed for the next level. Properties are checked where a state is first
/// stored (invariants) or expanded (terminal properties); per property the violation at the least
/// depth, then the least fingerprint, is kept, which makes the reported path independent of timing.
/// </summary>
internal sealed class ExplorationRun<TState> : IDisposable
    where TState : struct, IEquatable<TState>
{
    private readonly IModel<TState> model;
    private readonly ExplorerOptions options;
    private readonly ISymmetricModel<TState>? symmetry;
    private readonly IProgress<ExplorationProgress>? progress;
    private readonly CancellationToken cancellation;
    private readonly FingerprintTable table;
    private readonly ConcurrentDictionary<ulong, TState>? fullStates;
    private readonly (int Depth, ulong Fingerprint)?[] violations;
    private readonly Stopwatch clock = new();
    private readonly int stateBytes;

    /// <summary>States expanded together, so that their lookups overlap (see <see cref="Expand"/>).</summary>
    private const int Group = 8;
    private long transitions;
    private long collisions;
    private long peakBytes;
    private long lastReportTicks;

    public ExplorationRun(IModel<TState> model, ExplorerOptions options, ISymmetricModel<TState>? symmetry, IProgress<ExplorationProgress>? progress, CancellationToken cancellation)
    {
        this.model = model;
        this.options = options;
        this.symmetry = symmetry;
        this.progress = progress;
        this.cancellation = cancellation;
        stateBytes = model.StateBytes;
        table = new FingerprintTable(Math.Min(options.MaxStates, 1 << 16));
        fullStates = options.CheckCollisions ? new ConcurrentDictionary<ulong, TState>() : null;
        violations = new (int, ulong)?[model.Properties.Count];
    }

    /// <summary>Only the plain search checks properties; the symmetric one counts.</summary>
    private bool Checking => symmetry is null;

    /// <summary>Frees the fingerprint table, which lives outside the .NET heap.</summary>
    public void Dispose() => table.Dispose();

    public ExplorationResult Run()
    {
        clock.Start();
        var frontier = new List<TState>();
        foreach (var initial in model.InitialStates)
        {
            var state = Key(initial);
            var fingerprint = FingerprintOf(state);
            var slot = table.Claim(fingerprint, out var claimed);
            if (claimed)
            {
                table.Claimed(1);
                Store(slot, state, fingerprint, 0, 1);
                frontier.Add(state);
            }
        }

        var depth = frontier.Count > 0 ? 1 : 0;
        string? stopReason = null;
        var current = frontier.ToArray();
        while (current.Length > 0)
        {
            if (options.MaxDepth is { } deepest && depth >= deepest)
            {
                stopReason = $"stopped at depth {depth:N0}, the depth limit, after {table.Count:N0} distinct states: every run of up to " +
                    $"{depth - 1:N0} steps was checked against each invariant, and up to {Math.Max(depth - 2, 0):N0} steps against each terminal property";
                break;
            }

            Report(depth, force: true);
            var (next, stopped) = ExpandLevel(current, depth);
            if (stopped)
            {
                stopReason = $"stopped after {table.Count:N0} distinct states at depth {depth}: the limit is {options.MaxStates:N0} states " +
                    "(about 40 bytes each); raise it to search further";
                if (next.Length > 0)
                {
                    depth++;
                }

                break;
            }

            if (next.Length > 0)
            {
                depth++;
            }

            current = next;
            if (current.Length > 0 && depth >= FingerprintTable.MaxDepth)
            {
                stopReason = $"stopped at depth {depth:N0}: the explorer records at most {FingerprintTable.MaxDepth:N0} levels";
                break;
            }
        }

        clock.Stop();
        Report(depth, force: true);
        return new ExplorationResult(
            model.Name,
            table.Count,
            transitions,
            depth,
            clock.Elapsed,
            stopReason is null,
            stopReason,
            Math.Max(peakBytes, table.Bytes),
            fullStates is null ? null : collisions,
            null,
            Verdicts(stopReason is null));
    }

    private TState Key(TState state) => symmetry is null ? state : symmetry.Canonical(state);

    private ulong FingerprintOf(TState state) => FingerprintTable.NonZero(model.Fingerprint(state));

    /// <summary>Expands every state of one level; returns the next level and whether the state limit stopped it.</summary>
    private (TState[] Next, bool Stopped) ExpandLevel(TState[] frontier, int depth)
    {
        var workers = Math.Min(options.Parallelism, Math.Max(1, frontier.Length / 64));
        var chunk = Math.Clamp(frontier.Length / (workers * 8), 16, 4096);
        // In-flight inserts (not yet in table.Count, which workers update per chunk) are bounded by
        // what the chunks being expanded can produce, so the table never fills while workers run
        // and only grows between batches.
        var margin = (long)workers * chunk * model.MaxSuccessors;
        var outputs = new List<TState>[workers];
        for (var w = 0; w < workers; w++)
        {
            outputs[w] = [];
        }

        var cursor = 0;
        var stopped = false;
        while (true)
        {
            var limitHit = 0;
            var needsRoom = 0;
            void Work(int worker)
            {
                var buffers = new WorkerBuffers(model.MaxSuccessors);
                var output = outputs[worker];
                long generated = 0;
                while (true)
                {
                    if (cancellation.IsCancellationRequested || Volatile.Read(ref limitHit) != 0 || Volatile.Read(ref needsRoom) != 0)
                    {
                        break;
                    }

                    if (table.Count >= options.MaxStates)
                    {
                        Volatile.Write(ref limitHit, 1);
                        break;
                    }

                    if (table.Room < margin)
                    {
                        Volatile.Write(ref needsRoom, 1);
                        break;
                    }

                    var start = Interlocked.Add(ref cursor, chunk) - chunk;
                    if (start >= frontier.Length)
                    {
                        break;
                    }

                    var end = Math.Min(start + chunk, frontier.Length);
                    var before = output.Count;
                    for (var i = start; i < end; i += Group)
                    {
                        generated += Expand(frontier.AsSpan(i, Math.Min(Group, end - i)), depth, buffers, output);
                    }

                    table.Claimed(output.Count - before);

                    if (worker == 0)
                    {
                        Report(depth, force: false);
                    }
                }

                Interlocked.Add(ref transitions, generated);
            }

            if (workers == 1)
            {
                Work(0);
            }
            else
            {
                var tasks = new Task[workers - 1];
                for (var w = 1; w < workers; w++)
                {
                    var worker = w;
                    tasks[w - 1] = Task.Factory.StartNew(() => Work(worker), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }

                Work(0);
                Task.WaitAll(tasks);
            }

            cancellation.ThrowIfCancellationRequested();
            var outputBytes = outputs.Sum(output => (long)output.Capacity) * stateBytes;
            peakBytes = Math.Max(peakBytes, table.Bytes + outputBytes + (long)frontier.Length * stateBytes + FullStateBytes());
            if (limitHit != 0)
            {
                stopped = true;
                break;
            }

            if (needsRoom != 0 && Volatile.Read(ref cursor) < frontier.Length)
            {
                var both = table.Grow(margin + table.Count);
                peakBytes = Math.Max(peakBytes, both + outputBytes + (long)frontier.Length * stateBytes + FullStateBytes());
                continue;
            }

            break;
        }

        var next = new TState[outputs.Sum(output => output.Count)];
        var at = 0;
        foreach (var output in outputs)
        {
            output.CopyTo(next, at);
            at += output.Count;
        }

        return (next, stopped);
    }

    /// <summary>
    /// Generates the successors of a few states; returns how many transitions that was. The table is
    /// far larger than the caches and nearly every lookup misses, so every successor's slot of the
    /// whole group is prefetched before any is claimed: the misses overlap instead of queueing.
    /// </summary>
    private int Expand(ReadOnlySpan<TState> states, int depth, WorkerBuffers buffers, List<TState> output)
    {
        var transitionsOut = buffers.Transitions;
        var pending = buffers.Pending;
        var fingerprints = buffers.Fingerprints;
        var owners = buffers.Owners;
        var parents = buffers.Parents;
        var generated = 0;
        var fresh = 0;
        for (var s = 0; s < states.Length; s++)
        {
            var state = states[s];
            var count = model.Successors(state, transitionsOut);
            generated += count;
            parents[s] = FingerprintOf(state);
            var terminal = true;
            for (var i = 0; i < count; i++)
            {
                var successor = transitionsOut[i].Next;
                // A step that changes nothing (receiving a decision twice) needs no lookup at all.
                if (successor.Equals(state))
                {
                    continue;
                }

                terminal = false;
                successor = Key(successor);
                if (symmetry is not null && successor.Equals(state))
                {
                    // A renaming of this very state: nothing new to store.
                    continue;
                }

                var fingerprint = FingerprintOf(successor);
                table.Prefetch(fingerprint);
                pending[fresh] = successor;
                fingerprints[fresh] = fingerprint;
                owners[fresh] = (byte)s;
                fresh++;
            }

            if (terminal && Checking)
            {
                Check(state, parents[s], depth, PropertyKind.Terminal);
            }
        }

        for (var i = 0; i < fresh; i++)
        {
            var fingerprint = fingerprints[i];
            var parent = parents[owners[i]];
            var slot = table.Claim(fingerprint, out var claimed);
            if (claimed)
            {
                Store(slot, pending[i], fingerprint, parent, depth + 1);
                output.Add(pending[i]);
            }
            else
            {
                if (fullStates is not null && fullStates.TryGetValue(fingerprint, out var stored) && !stored.Equals(pending[i]))
                {
                    Interlocked.Increment(ref collisions);
                }

                table.OfferParent(slot, parent, depth + 1);
            }
        }

        return generated;
    }

    /// <summary>One worker's scratch space, reused for every group it expands.</summary>
    private sealed class WorkerBuffers(int maxSuccessors)
    {
        public Transition<TState>[] Transitions { get; } = new Transition<TState>[maxSuccessors];

        /// <summary>The group's successors still to claim, their fingerprints, and which state of the group each came from.</summary>
        public TState[] Pending { get; } = new TState[Group * maxSuccessors];

        public ulong[] Fingerprints { get; } = new ulong[Group * maxSuccessors];

        public byte[] Owners { get; } = new byte[Group * maxSuccessors];

        public ulong[] Parents { get; } = new ulong[Group];
    }

    private void Store(int slot, TState state, ulong fingerprint, ulong parent, int depth)
    {
        // The full state goes in before the slot is published: a thread that finds the fingerprint
        // waits for the publication, and then finds the state to compare with.
        fullStates?.TryAdd(fingerprint, state);
        table.Publish(slot, parent, depth);
        if (Checking)
        {
            Check(state, fingerprint, depth, PropertyKind.Invariant);
        }
    }

    private void Check(TState state, ulong fingerprint, int depth, PropertyKind kind)
    {
        var properties = model.Properties;
        for (var p = 0; p < properties.Count; p++)
        {
            if (properties[p].Kind != kind || properties[p].Holds(state))
            {
                continue;
            }

            lock (violations)
            {
                if (violations[p] is not { } kept || depth < kept.Depth || (depth == kept.Depth && fingerprint < kept.Fingerprint))
                {
                    violations[p] = (depth, fingerprint);
                }
            }
        }
    }

    private List<PropertyVerdict> Verdicts(bool complete)
    {
        var verdicts = new List<PropertyVerdict>();
        for (var p = 0; p < model.Properties.Count; p++)
        {
            var property = model.Properties[p];
            if (violations[p] is { } violation && Checking)
            {
                verdicts.Add(new PropertyVerdict(property.Name, property.Description, property.Kind, Verdict.Violated, PathTo(violation.Fingerprint)));
            }
            else
            {
                verdicts.Add(new PropertyVerdict(property.Name, property.Description, property.Kind, complete && Checking ? Verdict.Holds : Verdict.Unknown, null));
            }
        }

        return verdicts;
    }

    /// <summary>
    /// Follows parent fingerprints back to an initial state, then replays forward through the model
    /// to name each action: of the actions that reach the next state, the first in the model's order.
    /// </summary>
    private Counterexample PathTo(ulong target)
    {
        var chain = new List<ulong>();
        for (var at = target; at != 0; at = table.ParentOf(at))
        {
            chain.Add(at);
        }

        chain.Reverse();
        var state = model.InitialStates.First(initial => FingerprintOf(initial) == chain[0]);
        var steps = new List<CounterexampleStep> { new(null, model.Describe(state)) };
        var buffer = new Transition<TState>[model.MaxSuccessors];
        foreach (var fingerprint in chain.Skip(1))
        {
            var count = model.Successors(state, buffer);
            var step = buffer.Take(count).First(transition => FingerprintOf(transition.Next) == fingerprint);
            state = step.Next;
            steps.Add(new CounterexampleStep(model.ActionName(step.Action), model.Describe(state), step.Action));
        }

        return new Counterexample(steps);
    }

    private long FullStateBytes() => fullStates is null ? 0 : fullStates.Count * (long)(stateBytes + 48);

    private void Report(int depth, bool force)
    {
        if (progress is null)
        {
            return;
        }

        var now = clock.Elapsed.Ticks;
        var last = Interlocked.Read(ref lastReportTicks);
        if (!force && now - last < options.ProgressInterval.Ticks)
        {
            return;
        }

        Interlocked.Exchange(ref lastReportTicks, now);
        var elapsed = clock.Elapsed;
        progress.Report(new ExplorationProgress(table.Count, depth, table.Count / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed));
    }
}
